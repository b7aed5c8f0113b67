package org.matterhub.connectors.clio;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.kernel.OAuthClientSettings;
import org.matterhub.connectors.kernel.PerMinuteRateLimit;

/**
 * Settings of the Clio Manage connector for one Clio developer application. A plain record (the connectors hold
 * no Spring): the hub binds and validates {@code matterhub.clio.*} into it (routes' {@code RoutesConfiguration}),
 * absent values taking the defaults below from the compact constructor; each connection copies it with its region's
 * base URL.
 *
 * @param baseUrl            Clio host of the app's region, without path: {@code https://app.clio.com},
 *                           {@code https://eu.app.clio.com}, {@code https://ca.app.clio.com},
 *                           {@code https://au.app.clio.com}, or a simulator's {@code http://127.0.0.1:PORT}.
 *                           The API lives at {@code baseUrl + /api/v4}, OAuth at {@code baseUrl + /oauth/…}.
 *                           An app exists in one region only; the wrong host fails with {@code invalid_client}.
 * @param clientId           OAuth client id ("App Key") of the Clio developer application.
 * @param clientSecret       OAuth client secret ("App Secret"). <b>Secret:</b> masked in {@link #toString()},
 *                           never logged; supply it from the environment or a secret store.
 * @param apiVersion         API minor version sent as {@code X-API-VERSION}; default {@code 4.0.9}.
 * @param requestTimeout     Per-request response timeout, and the longest a call waits for a rate-limit
 *                           permit before failing as retriable; default 30 s.
 * @param pageSize           Records per page ({@code limit}), 1–200; default 200, Clio's maximum.
 * @param rateLimitPerMinute Requests per minute per access token (Clio limits per token, CL-LIM; a limiter's key is
 *                           {@code clio:<connection>}) assumed until Clio's
 *                           {@code X-RateLimit-Limit} header says otherwise; default 50 (Clio's peak-hour limit).
 */
public record ClioProperties(
        @NotNull URI baseUrl,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String apiVersion,
        @NotNull Duration requestTimeout,
        @Min(1) @Max(200) int pageSize,
        @Min(1) int rateLimitPerMinute) implements OAuthClientSettings, PerMinuteRateLimit {

    /** Clio's published region hosts (OpenAPI {@code servers}; docs/vendors/clio.md): US, EU, Canada, Australia. */
    public static final org.matterhub.connectors.kernel.VendorHosts HOSTS = org.matterhub.connectors.kernel.VendorHosts.of(
            "Clio", "app.clio.com", "eu.app.clio.com", "ca.app.clio.com", "au.app.clio.com");

    /** Default minor version. */
    public static final String DEFAULT_API_VERSION = "4.0.9";

    public ClioProperties {
        apiVersion = ConnectorSettings.textOr(apiVersion, DEFAULT_API_VERSION);
        requestTimeout = ConnectorSettings.orDefault(requestTimeout, Duration.ofSeconds(30));
        pageSize = ConnectorSettings.orDefault(pageSize, 200);
        rateLimitPerMinute = ConnectorSettings.orDefault(rateLimitPerMinute, 50);
        baseUrl = ConnectorSettings.withoutTrailingSlash(baseUrl);
    }

    /** Properties with every default: {@code apiVersion} 4.0.9, 30 s timeout, 200 per page, 50 per minute. */
    public static ClioProperties of(URI baseUrl, String clientId, String clientSecret) {
        return ConnectorSettings.validated(new ClioProperties(baseUrl, clientId, clientSecret, null, null, 0, 0));
    }

    /** A copy with another page size. */
    public ClioProperties withPageSize(int newPageSize) {
        return ConnectorSettings.validated(new ClioProperties(baseUrl, clientId, clientSecret, apiVersion, requestTimeout, newPageSize,
                rateLimitPerMinute));
    }

    /** A copy with another request timeout. */
    public ClioProperties withRequestTimeout(Duration timeout) {
        return ConnectorSettings.validated(new ClioProperties(baseUrl, clientId, clientSecret, apiVersion, timeout, pageSize,
                rateLimitPerMinute));
    }

    /** {@code baseUrl + /api/v4}. */
    public URI apiBase() {
        return URI.create(baseUrl + "/api/v4");
    }

    @Override
    public String toString() {
        return ConnectorSettings.describe(this);
    }
}
