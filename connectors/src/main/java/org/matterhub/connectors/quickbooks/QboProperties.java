package org.matterhub.connectors.quickbooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.matterhub.connectors.kernel.Backoff;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.kernel.OAuthClientSettings;
import org.matterhub.connectors.kernel.PerMinuteRateLimit;

/**
 * Settings of the QuickBooks Online connector for one Intuit developer app (shared by all realms it serves).
 *
 * @param apiBaseUrl        what the devkit is configured with ({@code Config.BASE_URL_QBO}): production
 *                          {@code https://quickbooks.api.intuit.com/v3/company}, sandbox
 *                          {@code https://sandbox-quickbooks.api.intuit.com/v3/company} (VENDORS.md §4.1). The devkit
 *                          drops any port of this URL, so a simulator is reached through {@link #proxyHost()}.
 * @param proxyHost         HTTP proxy for API calls (devkit {@code proxy.host}); blank for none. A simulator on a
 *                          loopback port is configured here with {@link #proxyPort()}.
 * @param proxyPort         HTTP proxy port; 0 when no proxy.
 * @param tokenUrl          OAuth token endpoint, {@code https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer}.
 * @param authorizeUrl      OAuth authorize endpoint, {@code https://appcenter.intuit.com/connect/oauth2}.
 * @param clientId          the app's OAuth client id.
 * @param clientSecret      the app's OAuth client secret. <b>Secret:</b> masked in {@link #toString()}, never logged.
 * @param minorVersion      {@code minorversion} sent on every call; default and floor 75 (VENDORS.md §4.1, QB-MV).
 * @param connectTimeout    TCP connect timeout; default 10 s.
 * @param requestTimeout    response timeout per request, and the longest a call waits for a rate-limit or
 *                          concurrency permit before failing as retriable; default 60 s.
 * @param requestsPerMinute our ceiling per realm; QBO allows 500 per realm and app (VENDORS.md §4.6); default 500.
 * @param maxConcurrent     concurrent requests per realm; QBO allows 10 (VENDORS.md §4.6); default 10.
 * @param maxAttempts       attempts of one call when it is retried (429, and a create's transient failures);
 *                          default 5.
 * @param retryBase         first backoff ceiling between attempts; default 1 s.
 * @param retryCap          largest backoff ceiling; default 30 s.
 */
public record QboProperties(
        @NotNull URI apiBaseUrl,
        String proxyHost,
        @Min(0) @Max(65535) int proxyPort,
        @NotNull URI tokenUrl,
        @NotNull URI authorizeUrl,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @Min(75) int minorVersion,
        Duration connectTimeout,
        Duration requestTimeout,
        @Min(1) int requestsPerMinute,
        @Min(1) int maxConcurrent,
        @Min(1) int maxAttempts,
        Duration retryBase,
        Duration retryCap) implements OAuthClientSettings, PerMinuteRateLimit {

    /** Intuit's QuickBooks Online API, sandbox API, OAuth and consent hosts (docs/vendors/quickbooks.md). */
    public static final org.matterhub.connectors.kernel.VendorHosts HOSTS = org.matterhub.connectors.kernel.VendorHosts.of(
            "QuickBooks Online", "quickbooks.api.intuit.com", "sandbox-quickbooks.api.intuit.com",
            "oauth.platform.intuit.com", "appcenter.intuit.com");

    /** Production API base (VENDORS.md §4.1). */
    public static final URI PRODUCTION_API_BASE_URL = URI.create("https://quickbooks.api.intuit.com/v3/company");
    /** Sandbox API base (VENDORS.md §4.1). */
    public static final URI SANDBOX_API_BASE_URL = URI.create("https://sandbox-quickbooks.api.intuit.com/v3/company");
    /** Token endpoint commonly used (VENDORS.md §4.1; read discovery to confirm). */
    public static final URI TOKEN_URL = URI.create("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
    /** Authorize endpoint commonly used (VENDORS.md §4.1). */
    public static final URI AUTHORIZE_URL = URI.create("https://appcenter.intuit.com/connect/oauth2");
    /** Default and lowest {@link #minorVersion()}. */
    public static final int MINOR_VERSION = 75;

    public QboProperties {
        proxyHost = ConnectorSettings.textOr(proxyHost, null);
        minorVersion = ConnectorSettings.orDefault(minorVersion, MINOR_VERSION);
        connectTimeout = ConnectorSettings.orDefault(connectTimeout, Duration.ofSeconds(10));
        requestTimeout = ConnectorSettings.orDefault(requestTimeout, Duration.ofSeconds(60));
        requestsPerMinute = ConnectorSettings.orDefault(requestsPerMinute, 500);
        maxConcurrent = ConnectorSettings.orDefault(maxConcurrent, 10);
        maxAttempts = ConnectorSettings.orDefault(maxAttempts, 5);
        retryBase = ConnectorSettings.orDefault(retryBase, Duration.ofSeconds(1));
        retryCap = ConnectorSettings.orDefault(retryCap, Duration.ofSeconds(30));
        apiBaseUrl = ConnectorSettings.withoutTrailingSlash(apiBaseUrl);
    }

    /** Properties with every default and no proxy. */
    public static QboProperties of(URI apiBaseUrl, URI tokenUrl, URI authorizeUrl, String clientId, String clientSecret) {
        return ConnectorSettings.validated(new QboProperties(apiBaseUrl, null, 0, tokenUrl, authorizeUrl, clientId, clientSecret, 0, null, null,
                0, 0, 0, null, null));
    }

    /** A copy that reaches the API through an HTTP proxy (a simulator, or a firm's egress proxy). */
    public QboProperties withProxy(String host, int port) {
        return ConnectorSettings.validated(new QboProperties(apiBaseUrl, host, port, tokenUrl, authorizeUrl, clientId, clientSecret, minorVersion,
                connectTimeout, requestTimeout, requestsPerMinute, maxConcurrent, maxAttempts, retryBase, retryCap));
    }

    /** A copy with other timeouts. */
    public QboProperties withTimeouts(Duration connect, Duration request) {
        return ConnectorSettings.validated(new QboProperties(apiBaseUrl, proxyHost, proxyPort, tokenUrl, authorizeUrl, clientId, clientSecret,
                minorVersion, connect, request, requestsPerMinute, maxConcurrent, maxAttempts, retryBase, retryCap));
    }

    /** A copy with other per-realm limits. */
    public QboProperties withLimits(int perMinute, int concurrent) {
        return ConnectorSettings.validated(new QboProperties(apiBaseUrl, proxyHost, proxyPort, tokenUrl, authorizeUrl, clientId, clientSecret,
                minorVersion, connectTimeout, requestTimeout, perMinute, concurrent, maxAttempts, retryBase, retryCap));
    }

    /** A copy with another retry budget. */
    public QboProperties withRetry(int attempts, Duration base, Duration cap) {
        return ConnectorSettings.validated(new QboProperties(apiBaseUrl, proxyHost, proxyPort, tokenUrl, authorizeUrl, clientId, clientSecret,
                minorVersion, connectTimeout, requestTimeout, requestsPerMinute, maxConcurrent, attempts, base, cap));
    }

    /** Whether API calls go through {@link #proxyHost()}. */
    public boolean hasProxy() {
        return proxyHost != null && proxyPort > 0;
    }

    /** {@link #requestsPerMinute()}: a realm's limiters ({@code quickbooks:<realm>}) keep it. */
    @Override
    public int rateLimitPerMinute() {
        return requestsPerMinute;
    }

    /** The backoff between attempts of one call. */
    public Backoff backoff() {
        return new Backoff(retryBase, retryCap.compareTo(retryBase) < 0 ? retryBase : retryCap);
    }

    @Override
    public String toString() {
        return ConnectorSettings.describe(this);
    }
}
