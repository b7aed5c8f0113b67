package org.matterhub.connectors.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.FormEncoding;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * Intuit OAuth 2.0, authorization code grant (VENDORS.md §4.1): the browser goes to {@code authorizeUrl} and comes
 * back with {@code code}, {@code state} and {@code realmId}; {@code POST tokenUrl} (form, HTTP Basic client
 * authentication) exchanges the code, and later the refresh token. Intuit may rotate the refresh token on every
 * refresh; the latest one must be stored, which {@link QboClient} does before using it. Neither credentials nor
 * tokens ever appear in an exception message or a log line. The devkit has no OAuth client (Intuit ships it as a
 * separate artifact), so this one is plain {@code java.net.http}.
 */
public final class QboOAuthClient {

    /** Scope for the Accounting API. */
    public static final String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofHours(1);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final QboProperties properties;
    private final HttpClient http;
    private final Clock clock;

    public QboOAuthClient(QboProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public QboOAuthClient(QboProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The URL to send the firm admin's browser to. Intuit redirects to {@code redirectUri} with {@code code},
     * the same {@code state} (the caller must check it against the one it issued) and {@code realmId}.
     */
    // https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0
    public URI authorizeUrl(String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", properties.clientId());
        q.put("response_type", "code");
        q.put("scope", ACCOUNTING_SCOPE);
        q.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        q.put("state", Objects.requireNonNull(state, "state"));
        String base = properties.authorizeUrl().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + FormEncoding.form(q));
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws QboReauthorizationRequiredException on {@code invalid_grant} (code expired, reused, or issued for
     *                                             another redirect URI) or {@code invalid_client}
     */
    public QboTokens exchangeCode(String code, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", Objects.requireNonNull(code, "code"));
        f.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        return tokenRequest(f, null);
    }

    /**
     * New tokens for a refresh token. The response's refresh token replaces the old one (which Intuit may
     * invalidate); when the response carries none, the old one is kept.
     *
     * @throws QboReauthorizationRequiredException on {@code invalid_grant} (revoked, expired or superseded token)
     */
    public QboTokens refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        return tokenRequest(f, refreshToken);
    }

    private QboTokens tokenRequest(Map<String, String> form, String previousRefreshToken) {
        String path = properties.tokenUrl().getPath();
        String basic = Base64.getEncoder().encodeToString(
                (properties.clientId() + ":" + properties.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUrl())
                .timeout(properties.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.form(form)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(QboClient.VENDOR, "POST", path, true, e);
        } catch (IOException e) {
            throw new VendorIoException(QboClient.VENDOR, "POST", path, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(QboClient.VENDOR, "POST", path, false, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status / 100 != 2) {
            String error = body == null ? null : text(body, "error");
            String description = body == null ? null : text(body, "error_description");
            if ("invalid_grant".equals(error) || "invalid_client".equals(error)) {
                throw new QboReauthorizationRequiredException("POST", path, status, error, description);
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            throw new VendorHttpException(QboClient.VENDOR, "POST", path, status, retryAfter, error, description);
        }
        if (body == null) {
            throw new VendorResponseException(QboClient.VENDOR, "POST", path, status,
                    VendorResponseException.Kind.MALFORMED, null);
        }
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new VendorResponseException(QboClient.VENDOR, "POST", path, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        Instant now = clock.instant();
        String refreshToken = Optional.ofNullable(text(body, "refresh_token")).orElse(previousRefreshToken);
        long expiresIn = body.path("expires_in").asLong(0);
        long refreshExpiresIn = body.path("x_refresh_token_expires_in").asLong(0);
        return new QboTokens(accessToken, refreshToken,
                now.plus(expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_ACCESS_LIFETIME),
                refreshExpiresIn > 0 ? now.plusSeconds(refreshExpiresIn) : null);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
