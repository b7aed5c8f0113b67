package org.matterhub.connectors.xero;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.kernel.OAuthClientSettings;

/**
 * Settings of the Xero connector for the hub's Xero app. Per-organisation state (tenant id, tokens) lives in the
 * store, not here.
 *
 * @param authorizeUrl       OAuth authorize endpoint; default {@code https://login.xero.com/identity/connect/authorize}.
 * @param tokenUrl           OAuth token endpoint (code exchange and refresh, HTTP Basic client authentication);
 *                           default {@code https://identity.xero.com/connect/token}.
 * @param connectionsUrl     tenant discovery; default {@code https://api.xero.com/connections}.
 * @param accountingBasePath the Accounting API base the SDK's {@code ApiClient} is pointed at; default
 *                           {@code https://api.xero.com/api.xro/2.0}.
 * @param clientId           the app's OAuth client id (developer portal).
 * @param clientSecret       the app's OAuth client secret. <b>Secret:</b> masked in {@link #toString()}, never logged.
 * @param webhookKey         the app's webhook signing key, or blank when webhooks are not configured.
 *                           <b>Secret:</b> masked in {@link #toString()}.
 * @param connectTimeout     TCP connect timeout; default 10 s.
 * @param requestTimeout     read timeout of one call (also of the token endpoint); default 30 s. A PDF download's
 *                           timeout covers each read, the body then streams at the caller's pace.
 * @param maxPermitWait      the longest a call waits for the client-side limits (minute pacing and the concurrency
 *                           slots) before failing, unsent, with a retriable
 *                           {@link org.matterhub.connectors.kernel.RateLimitTimeoutException}; default 65 s, so a
 *                           background sync rides out a full minute window.
 * @param perMinute          calls per organisation per minute (Xero: 60, XE-LIM).
 * @param concurrent         calls in flight per organisation (Xero: 5, XE-LIM).
 * @param perDay             calls per organisation per rolling day (Xero: 5,000; 1,000 on the Starter tier ⚠). The
 *                           client does not count these itself; it reads {@code X-DayLimit-Remaining} and parks on
 *                           Xero's 429.
 * @param writeAttempts      attempts of one payment write, first included; retries reuse the Idempotency-Key;
 *                           default 5.
 * @param writeBackoffBase   first retry's backoff ceiling ({@link org.matterhub.connectors.kernel.Backoff}); default
 *                           500 ms.
 * @param writeBackoffCap    largest backoff ceiling; default 8 s.
 * @param writeRetryBudget   the longest a write keeps retrying in total (a caller on the portal is waiting): when the
 *                           next wait, e.g. a long {@code Retry-After}, would end past it, the last failure is thrown;
 *                           default 45 s.
 */
public record XeroProperties(
        @NotNull URI authorizeUrl,
        @NotNull URI tokenUrl,
        @NotNull URI connectionsUrl,
        @NotNull URI accountingBasePath,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        String webhookKey,
        @NotNull Duration connectTimeout,
        @NotNull Duration requestTimeout,
        @NotNull Duration maxPermitWait,
        @Min(1) int perMinute,
        @Min(1) @Max(100) int concurrent,
        @Min(1) int perDay,
        @Min(1) @Max(20) int writeAttempts,
        @NotNull Duration writeBackoffBase,
        @NotNull Duration writeBackoffCap,
        @NotNull Duration writeRetryBudget) implements OAuthClientSettings {

    /** Xero's API, identity and login hosts (docs/vendors/xero.md). */
    public static final org.matterhub.connectors.kernel.VendorHosts HOSTS = org.matterhub.connectors.kernel.VendorHosts.of(
            "Xero", "api.xero.com", "identity.xero.com", "login.xero.com");

    public static final String DEFAULT_AUTHORIZE_URL = "https://login.xero.com/identity/connect/authorize";
    public static final String DEFAULT_TOKEN_URL = "https://identity.xero.com/connect/token";
    public static final String DEFAULT_CONNECTIONS_URL = "https://api.xero.com/connections";
    public static final String DEFAULT_ACCOUNTING_BASE_PATH = "https://api.xero.com/api.xro/2.0";
    /** Xero's per-organisation minute limit. */
    public static final int DEFAULT_PER_MINUTE = 60;
    /** Xero's per-organisation concurrency limit. */
    public static final int DEFAULT_CONCURRENT = 5;
    /** Xero's per-organisation daily limit. */
    public static final int DEFAULT_PER_DAY = 5_000;

    public XeroProperties {
        authorizeUrl = orDefault(authorizeUrl, DEFAULT_AUTHORIZE_URL);
        tokenUrl = orDefault(tokenUrl, DEFAULT_TOKEN_URL);
        connectionsUrl = orDefault(connectionsUrl, DEFAULT_CONNECTIONS_URL);
        accountingBasePath = orDefault(accountingBasePath, DEFAULT_ACCOUNTING_BASE_PATH);
        webhookKey = ConnectorSettings.textOr(webhookKey, null);
        connectTimeout = ConnectorSettings.orDefault(connectTimeout, Duration.ofSeconds(10));
        requestTimeout = ConnectorSettings.orDefault(requestTimeout, Duration.ofSeconds(30));
        maxPermitWait = ConnectorSettings.orDefault(maxPermitWait, Duration.ofSeconds(65));
        perMinute = ConnectorSettings.orDefault(perMinute, DEFAULT_PER_MINUTE);
        concurrent = ConnectorSettings.orDefault(concurrent, DEFAULT_CONCURRENT);
        perDay = ConnectorSettings.orDefault(perDay, DEFAULT_PER_DAY);
        writeAttempts = ConnectorSettings.orDefault(writeAttempts, 5);
        writeBackoffBase = ConnectorSettings.orDefault(writeBackoffBase, Duration.ofMillis(500));
        writeBackoffCap = ConnectorSettings.orDefault(writeBackoffCap, Duration.ofSeconds(8));
        writeRetryBudget = ConnectorSettings.orDefault(writeRetryBudget, Duration.ofSeconds(45));
    }

    /** Production endpoints and Xero's published limits. */
    public static XeroProperties of(String clientId, String clientSecret) {
        return ConnectorSettings.validated(new XeroProperties(null, null, null, null, clientId, clientSecret, null, null, null, null, 0, 0, 0, 0,
                null, null, null));
    }

    /**
     * Endpoints on other hosts, e.g. a simulator that serves identity and accounting from one base URL:
     * {@code identityBase + /identity/connect/authorize}, {@code identityBase + /connect/token},
     * {@code identityBase + /connections}, and {@code accountingBasePath} as given.
     */
    public static XeroProperties of(URI identityBase, URI accountingBasePath, String clientId, String clientSecret) {
        String base = trimSlash(identityBase.toString());
        return ConnectorSettings.validated(new XeroProperties(URI.create(base + "/identity/connect/authorize"), URI.create(base + "/connect/token"),
                URI.create(base + "/connections"), accountingBasePath, clientId, clientSecret, null, null, null, null,
                0, 0, 0, 0, null, null, null));
    }

    /** A copy with other client-side limits. */
    public XeroProperties withLimits(int minute, int inFlight, int day) {
        return ConnectorSettings.validated(new XeroProperties(authorizeUrl, tokenUrl, connectionsUrl, accountingBasePath, clientId, clientSecret,
                webhookKey, connectTimeout, requestTimeout, maxPermitWait, minute, inFlight, day, writeAttempts,
                writeBackoffBase, writeBackoffCap, writeRetryBudget));
    }

    /** A copy with other timeouts. */
    public XeroProperties withTimeouts(Duration connect, Duration request, Duration permitWait) {
        return ConnectorSettings.validated(new XeroProperties(authorizeUrl, tokenUrl, connectionsUrl, accountingBasePath, clientId, clientSecret,
                webhookKey, connect, request, permitWait, perMinute, concurrent, perDay, writeAttempts,
                writeBackoffBase, writeBackoffCap, writeRetryBudget));
    }

    /** A copy with another write retry policy. */
    public XeroProperties withWriteRetry(int attempts, Duration backoffBase, Duration backoffCap, Duration budget) {
        return ConnectorSettings.validated(new XeroProperties(authorizeUrl, tokenUrl, connectionsUrl, accountingBasePath, clientId, clientSecret,
                webhookKey, connectTimeout, requestTimeout, maxPermitWait, perMinute, concurrent, perDay, attempts,
                backoffBase, backoffCap, budget));
    }

    /** A copy with a webhook signing key. */
    public XeroProperties withWebhookKey(String key) {
        return ConnectorSettings.validated(new XeroProperties(authorizeUrl, tokenUrl, connectionsUrl, accountingBasePath, clientId, clientSecret,
                key, connectTimeout, requestTimeout, maxPermitWait, perMinute, concurrent, perDay, writeAttempts,
                writeBackoffBase, writeBackoffCap, writeRetryBudget));
    }

    @Override
    public String toString() {
        return ConnectorSettings.describe(this);
    }

    private static URI orDefault(URI value, String fallback) {
        return URI.create(trimSlash((value == null ? URI.create(fallback) : value).toString()));
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
