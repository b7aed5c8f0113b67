package org.matterhub.connectors.xero;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.FormEncoding;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * Xero Identity's OAuth 2.0 authorization-code flow (XE-OA): the authorize URL, the code exchange and the refresh,
 * at the token endpoint with HTTP Basic client authentication. The xero-java SDK leaves token handling to the
 * caller, so this is plain {@code java.net.http}. Refresh tokens rotate on every use: whoever calls {@link #refresh}
 * must store the answer before using it ({@link XeroClient} does, through {@link XeroTokenStore}). Neither
 * credentials nor tokens ever appear in an exception message or a log line.
 */
public final class XeroOAuthClient {

    /** Scopes for the hub: contacts, invoices and payments, and a refresh token. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "offline_access",
            "accounting.transactions", "accounting.contacts");
    /** Used when the token response has no {@code expires_in}: Xero's 30 minutes. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(30);

    private final XeroProperties properties;
    private final HttpClient http;
    private final Clock clock;

    public XeroOAuthClient(XeroProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public XeroOAuthClient(XeroProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The URL to send the firm admin's browser to. Xero redirects back to {@code redirectUri} with {@code code} and
     * the same {@code state}, which the caller must check against the one it issued.
     */
    // https://developer.xero.com/documentation/guides/oauth2/auth-flow
    public URI authorizeUrl(String redirectUri, String state, List<String> scopes) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", properties.clientId());
        q.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        q.put("scope", String.join(" ", scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : scopes));
        q.put("state", Objects.requireNonNull(state, "state"));
        return URI.create(properties.authorizeUrl() + "?" + FormEncoding.form(q));
    }

    /** {@link #authorizeUrl(String, String, List)} with {@link #DEFAULT_SCOPES}. */
    public URI authorizeUrl(String redirectUri, String state) {
        return authorizeUrl(redirectUri, state, DEFAULT_SCOPES);
    }

    /**
     * Exchanges an authorization code for tokens. The caller saves them, then asks {@link XeroClient#connections}
     * which organisations the grant reaches.
     *
     * @throws XeroReauthorizationRequiredException on {@code invalid_grant} (code expired, reused, or issued for
     *                                              another redirect URI) or {@code invalid_client}
     */
    // POST https://identity.xero.com/connect/token grant_type=authorization_code (XE-OA)
    public XeroTokens exchangeCode(String code, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", Objects.requireNonNull(code, "code"));
        f.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        return tokenRequest(f, null);
    }

    /**
     * New tokens for a refresh token. Xero answers with a new refresh token (the old one stays valid for a 30-minute
     * grace period only); when it sends none, the one passed in is kept.
     *
     * @throws XeroReauthorizationRequiredException on {@code invalid_grant} (revoked, expired, or rotated out longer
     *                                              than the grace period ago)
     */
    // POST https://identity.xero.com/connect/token grant_type=refresh_token (XE-OA)
    public XeroTokens refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        return tokenRequest(f, refreshToken);
    }

    private XeroTokens tokenRequest(Map<String, String> form, String previousRefreshToken) {
        String path = properties.tokenUrl().getPath();
        String basic = Base64.getEncoder().encodeToString((properties.clientId() + ":" + properties.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
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
            throw new VendorIoException(XeroClient.VENDOR, "POST", path, true, e);
        } catch (IOException e) {
            throw new VendorIoException(XeroClient.VENDOR, "POST", path, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(XeroClient.VENDOR, "POST", path, false, e);
        }
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (status / 100 != 2) {
            XeroJson.ErrorBody error = XeroJson.error(text);
            if ("invalid_grant".equals(error.type()) || "invalid_client".equals(error.type())
                    || "unauthorized_client".equals(error.type())) {
                throw new XeroReauthorizationRequiredException("POST", path, status, error.type(), error.message());
            }
            Optional<Duration> retryAfter = response.headers().firstValue(XeroHeaders.RETRY_AFTER)
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            throw new VendorHttpException(XeroClient.VENDOR, "POST", path, status, retryAfter, error.type(),
                    error.message());
        }
        JsonNode body;
        try {
            body = XeroJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new VendorResponseException(XeroClient.VENDOR, "POST", path, status,
                    VendorResponseException.Kind.MALFORMED, e);
        }
        String accessToken = body == null ? null : XeroJson.text(body.get("access_token"));
        if (accessToken == null) {
            throw new VendorResponseException(XeroClient.VENDOR, "POST", path, status,
                    body == null ? VendorResponseException.Kind.MALFORMED : VendorResponseException.Kind.UNEXPECTED_SHAPE,
                    null);
        }
        String refreshToken = Optional.ofNullable(XeroJson.text(body.get("refresh_token"))).orElse(previousRefreshToken);
        long expiresIn = body.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plus(expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_ACCESS_LIFETIME);
        return new XeroTokens(accessToken, refreshToken, expiresAt);
    }
}
