package org.matterhub.connectors.kernel;

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
import java.util.Set;
import java.util.function.Function;

/**
 * One vendor's OAuth 2.0 token endpoint (RFC 6749 §3.2): a form POST that exchanges an authorization code or a refresh
 * token for tokens. Every connector's OAuth client sends its grant through one of these, so the parts that must not
 * differ between vendors live here once: the client's authentication (HTTP Basic, or id and secret in the form), the
 * classification of transport failures, an {@code invalid_grant} (and, where the vendor uses it so,
 * {@code invalid_client}) answer becoming the vendor's "re-authorisation required", {@code Retry-After} on other
 * errors, the access token's expiry, and keeping the previous refresh token when a response carries none. Neither
 * the secret nor a token ever appears in an exception message.
 */
public final class OAuthTokenEndpoint {

    /** How the client proves its identity at the endpoint. */
    public enum ClientAuthentication {
        /** {@code Authorization: Basic base64(id:secret)} (RFC 6749 §2.3.1, preferred). */
        BASIC,
        /** {@code client_id} and {@code client_secret} as form fields. */
        FORM
    }

    /** Reads a vendor's error body into {@code {code, message}} (either may be null). */
    @FunctionalInterface
    public interface ErrorReader {
        String[] read(byte[] body);
    }

    /** Builds the vendor's "re-authorisation required" exception. */
    @FunctionalInterface
    public interface Reauthorization {
        RuntimeException required(String method, String path, int status, String code, String message);
    }

    /**
     * A token response.
     *
     * @param refreshToken the response's refresh token, or the one it replaced when the response carries none
     * @param body         the whole response, for a vendor's extra fields
     */
    public record Grant(String accessToken, String refreshToken, Instant expiresAt, JsonNode body) {

        @Override
        public String toString() {
            return "Grant[accessToken=****, refreshToken=" + (refreshToken == null ? "null" : "****") + ", expiresAt="
                    + expiresAt + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendor;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthentication authentication;
    private final Duration timeout;
    private final Duration defaultLifetime;
    private final Set<String> reauthorizationCodes;
    private final ErrorReader errors;
    private final Reauthorization reauthorization;
    private final HttpClient http;
    private final Clock clock;

    private OAuthTokenEndpoint(Builder b) {
        this.vendor = b.vendor;
        this.tokenUrl = b.tokenUrl;
        this.clientId = Objects.requireNonNull(b.clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(b.clientSecret, "clientSecret");
        this.authentication = Objects.requireNonNull(b.authentication, "authentication");
        this.timeout = Objects.requireNonNull(b.timeout, "timeout");
        this.defaultLifetime = Objects.requireNonNull(b.defaultLifetime, "defaultLifetime");
        this.reauthorizationCodes = b.reauthorizationCodes;
        this.errors = b.errors;
        this.reauthorization = Objects.requireNonNull(b.reauthorization, "reauthorization");
        this.http = b.http;
        this.clock = b.clock;
    }

    /** Starts the endpoint of {@code vendor} at {@code tokenUrl}. */
    public static Builder builder(String vendor, URI tokenUrl, HttpClient http, Clock clock) {
        return new Builder(vendor, tokenUrl, http, clock);
    }

    String vendor() {
        return vendor;
    }

    HttpClient http() {
        return http;
    }

    Clock clock() {
        return clock;
    }

    /** The request timeout, which the vendor's API calls share. */
    Duration timeout() {
        return timeout;
    }

    Reauthorization reauthorization() {
        return reauthorization;
    }

    /**
     * Where to send the firm admin's browser (RFC 6749 §4.1.1): {@code authorizeUrl} (which may carry a query of its
     * own) with {@code response_type=code}, this client's {@code client_id}, {@code redirect_uri}, {@code scope} when
     * not null, and {@code state}, which the caller checks against the one it issued when the vendor redirects back.
     */
    public URI authorizeUrl(String authorizeUrl, String redirectUri, String state, String scope) {
        return authorizeUrl(authorizeUrl, redirectUri, state, scope, null);
    }

    /** As above, with the PKCE {@code code_challenge} (method {@code S256}) when {@code codeChallenge} is not null. */
    public URI authorizeUrl(String authorizeUrl, String redirectUri, String state, String scope, String codeChallenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        if (scope != null) {
            q.put("scope", scope);
        }
        q.put("state", Objects.requireNonNull(state, "state"));
        if (codeChallenge != null) {
            q.put("code_challenge", codeChallenge);
            q.put("code_challenge_method", Pkce.METHOD);
        }
        return URI.create(authorizeUrl + (authorizeUrl.contains("?") ? "&" : "?") + FormEncoding.form(q));
    }

    /** {@code grant_type=authorization_code}. */
    public Grant exchangeCode(String code, String redirectUri) {
        return exchangeCode(code, redirectUri, null);
    }

    /** {@code grant_type=authorization_code} with the PKCE {@code code_verifier} when not null. */
    public Grant exchangeCode(String code, String redirectUri, String codeVerifier) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", Objects.requireNonNull(code, "code"));
        f.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
        if (codeVerifier != null) {
            f.put("code_verifier", codeVerifier);
        }
        return request(f, null);
    }

    /** {@code grant_type=refresh_token}; the previous refresh token is kept when the answer carries none. */
    public Grant refresh(String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"));
        return request(f, refreshToken);
    }

    /** Posts a grant's form fields (client authentication is added here). */
    public Grant request(Map<String, String> grant, String previousRefreshToken) {
        String path = tokenUrl.getPath();
        Map<String, String> form = new LinkedHashMap<>(grant);
        HttpRequest.Builder b = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (authentication == ClientAuthentication.BASIC) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        }
        HttpResponse<byte[]> response = send(b.POST(HttpRequest.BodyPublishers.ofString(FormEncoding.form(form))).build(),
                "POST", path);
        int status = response.statusCode();
        if (status / 100 != 2) {
            String[] error = errors.read(response.body());
            String code = error.length > 0 ? error[0] : null;
            String message = error.length > 1 ? error[1] : null;
            if (code != null && reauthorizationCodes.contains(code)) {
                throw reauthorization.required("POST", path, status, code, message);
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            throw new VendorHttpException(vendor, "POST", path, status, retryAfter, code, message);
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new VendorResponseException(vendor, "POST", path, status, VendorResponseException.Kind.MALFORMED,
                    null);
        }
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new VendorResponseException(vendor, "POST", path, status,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        String refreshToken = Optional.ofNullable(text(body, "refresh_token")).orElse(previousRefreshToken);
        long expiresIn = body.path("expires_in").asLong(0);
        Instant expiresAt = clock.instant().plus(expiresIn > 0 ? Duration.ofSeconds(expiresIn) : defaultLifetime);
        return new Grant(accessToken, refreshToken, expiresAt, body);
    }

    /**
     * Reads a vendor's identity endpoint with a freshly granted access token (who the grant belongs to: Clio's
     * {@code who_am_i}, iManage's {@code /api}, NetDocuments' {@code /v1/User/info}, QuickBooks' {@code companyinfo}),
     * over this endpoint's client. Only the status and the vendor's error code reach an exception, never the body.
     *
     * @param headers the access token in the vendor's header ({@code Authorization: Bearer …}, iManage's
     *                {@code X-Auth-Token}) and the vendor's fixed headers (a version header)
     * @return the JSON answer of a 2xx
     */
    public JsonNode identity(URI uri, Map<String, String> headers) {
        String path = uri.getPath();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "application/json");
        headers.forEach(b::setHeader);
        HttpResponse<byte[]> response = send(b.build(), "GET", path);
        int status = response.statusCode();
        if (status / 100 != 2) {
            String[] error = errors.read(response.body());
            throw new VendorHttpException(vendor, "GET", path, status, Optional.empty(),
                    error.length > 0 ? error[0] : null, null);
        }
        try {
            JsonNode body = response.body() == null || response.body().length == 0 ? null : JSON.readTree(response.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException e) {
            // below
        }
        throw new VendorResponseException(vendor, "GET", path, status, VendorResponseException.Kind.MALFORMED, null);
    }

    /**
     * The account a fresh access token belongs to: {@code account} reads it from the vendor's identity answer
     * ({@link #identity}); an answer it finds no account in (null or empty) is
     * {@link VendorResponseException.Kind#UNEXPECTED_SHAPE}.
     */
    public String account(URI uri, Map<String, String> headers, Function<JsonNode, String> account) {
        String found = account.apply(identity(uri, headers));
        if (found == null || found.isEmpty()) {
            throw new VendorResponseException(vendor, "GET", uri.getPath(), 200,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        return found;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String method, String path) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new VendorIoException(vendor, method, path, true, e);
        } catch (IOException e) {
            throw new VendorIoException(vendor, method, path, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(vendor, method, path, false, e);
        }
    }

    /** RFC 6749 §5.2 error body: {@code error} and {@code error_description}. */
    public static String[] standardError(byte[] body) {
        if (body == null || body.length == 0) {
            return new String[] {null, null};
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                return new String[] {null, null};
            }
            return new String[] {text(n, "error"), text(n, "error_description")};
        } catch (IOException e) {
            return new String[] {null, null};
        }
    }

    /** A text field, or null when absent, null or empty. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** What differs between vendors' token endpoints. */
    public static final class Builder {

        private final String vendor;
        private final URI tokenUrl;
        private final HttpClient http;
        private final Clock clock;
        private String clientId;
        private String clientSecret;
        private ClientAuthentication authentication;
        private Duration timeout;
        private Duration defaultLifetime;
        private Set<String> reauthorizationCodes = Set.of("invalid_grant", "invalid_client");
        private ErrorReader errors = OAuthTokenEndpoint::standardError;
        private Reauthorization reauthorization;

        private Builder(String vendor, URI tokenUrl, HttpClient http, Clock clock) {
            this.vendor = Objects.requireNonNull(vendor, "vendor");
            this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
            this.http = Objects.requireNonNull(http, "http");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The hub's OAuth application, how it authenticates, and the request timeout. */
        public Builder client(String id, String secret, ClientAuthentication authentication, Duration timeout) {
            this.clientId = id;
            this.clientSecret = secret;
            this.authentication = authentication;
            this.timeout = timeout;
            return this;
        }

        /** The access token's lifetime when the response gives no {@code expires_in}. */
        public Builder defaultLifetime(Duration lifetime) {
            this.defaultLifetime = lifetime;
            return this;
        }

        /**
         * The vendor's "re-authorisation required" exception, thrown for the error codes that mean the grant is gone
         * ({@code invalid_grant} and {@code invalid_client} unless {@code codes} names others).
         */
        public Builder reauthorization(Reauthorization reauthorization, String... codes) {
            this.reauthorization = reauthorization;
            if (codes.length > 0) {
                this.reauthorizationCodes = Set.of(codes);
            }
            return this;
        }

        /** Reads the vendor's error bodies (RFC 6749's {@code error} and {@code error_description} unless set). */
        public Builder errors(ErrorReader errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        public OAuthTokenEndpoint build() {
            return new OAuthTokenEndpoint(this);
        }
    }
}
