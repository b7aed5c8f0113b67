package org.matterhub.connectors.clio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * Clio's OAuth 2.0 authorization-code flow. Client credentials travel in the form body of
 * {@code POST /oauth/token}, as Clio documents; neither they nor any token ever appear in an exception
 * message or a log line.
 *
 * <p>https://docs.developers.clio.com/api-docs/authorization
 */
public final class ClioOAuthClient {

    static final String AUTHORIZE_PATH = "/oauth/authorize";
    static final String TOKEN_PATH = "/oauth/token";

    private final ClioProperties properties;
    private final HttpClient http;
    private final Clock clock;

    public ClioOAuthClient(ClioProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public ClioOAuthClient(ClioProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The URL to send the firm admin's browser to. Clio redirects back to {@code redirectUri} with
     * {@code code} and the same {@code state}, which the caller must check against the one it issued.
     */
    // https://docs.developers.clio.com/api-docs/authorization#step-1-request-authorization
    public URI authorizeUrl(String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", properties.clientId());
        q.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        q.put("state", Objects.requireNonNull(state, "state"));
        return URI.create(properties.baseUrl() + AUTHORIZE_PATH + "?" + form(q));
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws ClioReauthorizationRequiredException when Clio answers {@code invalid_grant} (code expired,
     *                                              reused, or issued for another redirect URI)
     */
    // https://docs.developers.clio.com/api-docs/authorization#step-3-exchange-the-authorization-code-for-tokens
    public ClioTokens exchangeCode(String code, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", Objects.requireNonNull(code, "code"));
        f.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        f.put("client_id", properties.clientId());
        f.put("client_secret", properties.clientSecret());
        return tokenRequest(f, null);
    }

    /**
     * Obtains a new access token. Clio's refresh tokens do not rotate: when the response carries none,
     * the one passed in is kept.
     *
     * @throws ClioReauthorizationRequiredException when Clio answers {@code invalid_grant} (grant revoked)
     */
    // https://docs.developers.clio.com/api-docs/authorization#refresh-tokens
    public ClioTokens refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        f.put("client_id", properties.clientId());
        f.put("client_secret", properties.clientSecret());
        return tokenRequest(f, refreshToken);
    }

    private ClioTokens tokenRequest(Map<String, String> form, String previousRefreshToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + TOKEN_PATH))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(ClioClient.VENDOR, "POST", TOKEN_PATH, true, e);
        } catch (IOException e) {
            throw new VendorIoException(ClioClient.VENDOR, "POST", TOKEN_PATH, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(ClioClient.VENDOR, "POST", TOKEN_PATH, false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String[] error = ClioJson.errorTypeAndMessage(response.body());
            if ("invalid_grant".equals(error[0])) {
                throw new ClioReauthorizationRequiredException("POST", TOKEN_PATH, status, error[0], error[1]);
            }
            Optional<Duration> retryAfter = response.headers().firstValue(ClioHeaders.RETRY_AFTER)
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            throw new VendorHttpException(ClioClient.VENDOR, "POST", TOKEN_PATH, status, retryAfter, error[0],
                    error[1]);
        }
        JsonNode body = ClioJson.readTree(response.body(), "POST", TOKEN_PATH, status);
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new VendorResponseException(ClioClient.VENDOR, "POST", TOKEN_PATH, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        String refreshToken = Optional.ofNullable(text(body, "refresh_token")).orElse(previousRefreshToken);
        long expiresIn = body.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plusSeconds(expiresIn > 0 ? expiresIn : Duration.ofDays(30).toSeconds());
        return new ClioTokens(accessToken, refreshToken, expiresAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
