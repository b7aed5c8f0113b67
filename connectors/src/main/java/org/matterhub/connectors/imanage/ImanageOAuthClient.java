package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * iManage OAuth 2.0 on the Work server: {@code GET /auth/oauth2/authorize} and
 * {@code POST /auth/oauth2/token} (form-encoded; client id and secret in the form, as third-party
 * integrations send them). The token path and the {@code password} grant are evidence (IM-FP, IM-DF);
 * the authorize path and the {@code authorization_code}/{@code refresh_token} parameters follow RFC 6749
 * and are unconfirmed (VENDORS.md §2.1). Neither credentials nor tokens ever appear in an exception
 * message or a log line.
 */
public final class ImanageOAuthClient {

    static final String AUTHORIZE_PATH = "/auth/oauth2/authorize";
    static final String TOKEN_PATH = "/auth/oauth2/token";
    /** Used when the token response has no {@code expires_in}: iManage's common 30-minute default. */
    private static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(30);

    private final ImanageProperties properties;
    private final HttpClient http;
    private final Clock clock;

    public ImanageOAuthClient(ImanageProperties properties, HttpClient http) {
        this(properties, http, Clock.systemUTC());
    }

    public ImanageOAuthClient(ImanageProperties properties, HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The URL to send the firm admin's browser to; iManage redirects back to {@code redirectUri} with
     * {@code code} and the same {@code state}, which the caller must check against the one it issued.
     */
    // https://help.imanage.com (Control Center → Applications; customer login required)
    public URI authorizeUrl(String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", properties.clientId());
        q.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        q.put("state", Objects.requireNonNull(state, "state"));
        return URI.create(properties.baseUrl() + AUTHORIZE_PATH + "?" + FormEncoding.form(q));
    }

    /**
     * Exchanges an authorization code for tokens.
     *
     * @throws ImanageReauthorizationRequiredException on {@code invalid_grant} (code expired, reused, or
     *                                                 issued for another redirect URI)
     */
    public ImanageTokens exchangeCode(String code, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", Objects.requireNonNull(code, "code"));
        f.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        return tokenRequest(f, null);
    }

    /**
     * Resource-owner password grant for a service account, where the firm's Control Center allows it
     * (IM-FP shows this grant).
     *
     * @throws ImanageReauthorizationRequiredException on {@code invalid_grant} (wrong credentials)
     */
    public ImanageTokens passwordGrant(String username, String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "password");
        f.put("username", Objects.requireNonNull(username, "username"));
        f.put("password", Objects.requireNonNull(password, "password"));
        return tokenRequest(f, null);
    }

    /**
     * A new access token. When the response carries no refresh token, the one passed in is kept.
     *
     * @throws ImanageReauthorizationRequiredException on {@code invalid_grant} (revoked or expired grant)
     */
    public ImanageTokens refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        return tokenRequest(f, refreshToken);
    }

    private ImanageTokens tokenRequest(Map<String, String> form, String previousRefreshToken) {
        form.put("client_id", properties.clientId());
        form.put("client_secret", properties.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + TOKEN_PATH))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.form(form)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(ImanageClient.VENDOR, "POST", TOKEN_PATH, true, e);
        } catch (IOException e) {
            throw new VendorIoException(ImanageClient.VENDOR, "POST", TOKEN_PATH, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(ImanageClient.VENDOR, "POST", TOKEN_PATH, false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String[] error = ImanageJson.errorCodeAndMessage(response.body());
            if ("invalid_grant".equals(error[0]) || "invalid_client".equals(error[0])) {
                throw new ImanageReauthorizationRequiredException("POST", TOKEN_PATH, status, error[0], error[1]);
            }
            Optional<Duration> retryAfter = response.headers().firstValue(ImanageHeaders.RETRY_AFTER)
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            throw new VendorHttpException(ImanageClient.VENDOR, "POST", TOKEN_PATH, status, retryAfter, error[0],
                    error[1]);
        }
        JsonNode body = ImanageJson.readTree(response.body(), "POST", TOKEN_PATH, status);
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new VendorResponseException(ImanageClient.VENDOR, "POST", TOKEN_PATH, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        String refreshToken = Optional.ofNullable(text(body, "refresh_token")).orElse(previousRefreshToken);
        long expiresIn = body.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plus(expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_ACCESS_LIFETIME);
        return new ImanageTokens(accessToken, refreshToken, expiresAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
