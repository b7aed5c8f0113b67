package org.matterhub.connectors.netdocuments;

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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.FormEncoding;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * NetDocuments OAuth 2.0 (ND-PP, {@code apiProperties.json}): the consent page
 * {@code GET {baseUrl}/neWeb2/OAuth.aspx} on the region's web host and the token endpoint
 * {@code POST {apiBaseUrl}/v1/OAuth} (form-encoded {@code grant_type} {@code authorization_code} |
 * {@code refresh_token}); the client authenticates with HTTP Basic. Neither credentials nor tokens ever
 * appear in an exception message or a log line.
 */
public final class NetDocumentsOAuthClient {

    static final String AUTHORIZE_PATH = "/neWeb2/OAuth.aspx";
    static final String TOKEN_PATH = "/v1/OAuth";
    /** Used when the token response has no {@code expires_in}: NetDocuments' shortest documented inactivity expiry. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(45);

    private final NetDocumentsProperties properties;
    private final HttpClient http;
    private final Clock clock;

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public NetDocumentsOAuthClient(NetDocumentsProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The URL to send the firm admin's browser to (with {@link NetDocumentsProperties#scope()}); NetDocuments
     * redirects back to {@code redirectUri} with {@code code} and the same {@code state}, which the caller must
     * check against the one it issued.
     */
    // GET https://{domain}/neWeb2/OAuth.aspx (ND-PP apiProperties.json)
    public URI authorizeUrl(String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", properties.clientId());
        q.put("response_type", "code");
        q.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        q.put("scope", properties.scope());
        q.put("state", Objects.requireNonNull(state, "state"));
        return URI.create(properties.baseUrl() + AUTHORIZE_PATH + "?" + FormEncoding.form(q));
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws NetDocumentsReauthorizationRequiredException on {@code invalid_grant} or {@code invalid_client}
     */
    // POST https://api.{domain}/v1/OAuth grant_type=authorization_code (ND-PP)
    public NetDocumentsTokens exchangeCode(String code, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", Objects.requireNonNull(code, "code"));
        f.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        return tokenRequest(f, null);
    }

    /**
     * A new access token; the refresh token is kept when the response carries none.
     *
     * @throws NetDocumentsReauthorizationRequiredException on {@code invalid_grant} (revoked or expired grant)
     */
    // POST https://api.{domain}/v1/OAuth grant_type=refresh_token (ND-PP)
    public NetDocumentsTokens refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        return tokenRequest(f, refreshToken);
    }

    private NetDocumentsTokens tokenRequest(Map<String, String> form, String previousRefreshToken) {
        String basic = Base64.getEncoder().encodeToString(
                (properties.clientId() + ":" + properties.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.apiBaseUrl() + TOKEN_PATH))
                .timeout(properties.requestTimeout())
                .header(NetDocumentsHeaders.AUTHORIZATION, "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.form(form)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(NetDocumentsClient.VENDOR, "POST", TOKEN_PATH, true, e);
        } catch (IOException e) {
            throw new VendorIoException(NetDocumentsClient.VENDOR, "POST", TOKEN_PATH, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(NetDocumentsClient.VENDOR, "POST", TOKEN_PATH, false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String[] error = NetDocumentsJson.errorCodeAndMessage(response.body());
            if ("invalid_grant".equals(error[0]) || "invalid_client".equals(error[0])) {
                throw new NetDocumentsReauthorizationRequiredException("POST", TOKEN_PATH, status, error[0], error[1]);
            }
            Optional<Duration> retryAfter = response.headers().firstValue(NetDocumentsHeaders.RETRY_AFTER)
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            throw new VendorHttpException(NetDocumentsClient.VENDOR, "POST", TOKEN_PATH, status, retryAfter,
                    error[0], error[1]);
        }
        JsonNode body = NetDocumentsJson.readTree(response.body(), "POST", TOKEN_PATH, status);
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new VendorResponseException(NetDocumentsClient.VENDOR, "POST", TOKEN_PATH, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        String refreshToken = Optional.ofNullable(text(body, "refresh_token")).orElse(previousRefreshToken);
        long expiresIn = body.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plus(expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_ACCESS_LIFETIME);
        return new NetDocumentsTokens(accessToken, refreshToken, expiresAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
