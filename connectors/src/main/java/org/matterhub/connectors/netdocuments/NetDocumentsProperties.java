package org.matterhub.connectors.netdocuments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.kernel.OAuthClientSettings;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.TimeSource;

/**
 * Settings of the NetDocuments connector for one firm's repository and cabinet.
 *
 * @param baseUrl            the region's web host, which serves the OAuth consent page
 *                           ({@code /neWeb2/OAuth.aspx}): {@code https://vault.netvoyage.com} (US),
 *                           {@code https://eu.netdocuments.com}, … ({@link NetDocumentsRegion}), or a simulator.
 * @param apiBaseUrl         the region's API host ({@code https://api.vault.netvoyage.com}, …): token endpoint
 *                           {@code /v1/OAuth} and every {@code /v1}, {@code /v2} call.
 * @param repositoryId       the firm's repository, {@code CA-XXXXXXXX} (lookup tables and the activity log live here).
 * @param cabinetId          the cabinet the firm files matters in, {@code NG-XXXXXXXX}.
 * @param clientId           OAuth client id of the NetDocuments application ({@code AP-…}).
 * @param clientSecret       OAuth client secret. <b>Secret:</b> masked in {@link #toString()}, never logged.
 * @param scope              OAuth scopes requested at consent, space separated; default
 *                           {@code read edit organize lookup} (ND-PP lists read, organize, edit, delete_doc,
 *                           delete_container, lookup, admin; reading the activity log needs repository admin rights).
 * @param requestTimeout     per-request response timeout, and the longest a call waits for a rate-limit permit
 *                           before failing as retriable; default 30 s. Downloads: headers only.
 * @param pageSize           items per page of container listings ({@code top}, at most 500 per ND-PP) and of lookup
 *                           tables ({@code $top}); default 500.
 * @param rateLimitPerMinute calls per 60 s per connection; default <b>100</b>, the figure NetDocuments' own
 *                           connector documentation on Microsoft Learn gives ("API calls per connection: 100,
 *                           renewal period 60 seconds"); the API itself publishes none (VENDORS §3.4).
 */
public record NetDocumentsProperties(
        @NotNull URI baseUrl,
        @NotNull URI apiBaseUrl,
        @NotBlank @Pattern(regexp = "^CA-[A-Z0-9]{8}$") String repositoryId,
        @NotBlank @Pattern(regexp = "^NG-[A-Z0-9]{8}$") String cabinetId,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank String scope,
        @NotNull Duration requestTimeout,
        @Min(1) @Max(500) int pageSize,
        @Min(1) int rateLimitPerMinute) implements OAuthClientSettings {

    /** NetDocuments' web and API hosts of every region in {@link NetDocumentsRegion} (docs/vendors/netdocuments.md). */
    public static final org.matterhub.connectors.kernel.VendorHosts HOSTS = new org.matterhub.connectors.kernel.VendorHosts(
            "NetDocuments", java.util.Arrays.stream(NetDocumentsRegion.values())
                    .flatMap(r -> java.util.stream.Stream.of(r.webBase().getHost(), r.apiBase().getHost()))
                    .collect(java.util.stream.Collectors.toSet()), java.util.Set.of());

    /** Largest {@code top} the API accepts (ND-PP). */
    public static final int MAX_PAGE_SIZE = 500;
    /** Default {@link #rateLimitPerMinute()}. */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 100;
    /** Default {@link #scope()}. */
    public static final String DEFAULT_SCOPE = "read edit organize lookup";

    public NetDocumentsProperties {
        scope = ConnectorSettings.textOr(scope, DEFAULT_SCOPE);
        requestTimeout = ConnectorSettings.orDefault(requestTimeout, Duration.ofSeconds(30));
        pageSize = ConnectorSettings.orDefault(pageSize, MAX_PAGE_SIZE);
        rateLimitPerMinute = ConnectorSettings.orDefault(rateLimitPerMinute, DEFAULT_RATE_LIMIT_PER_MINUTE);
        baseUrl = ConnectorSettings.withoutTrailingSlash(baseUrl);
        apiBaseUrl = ConnectorSettings.withoutTrailingSlash(apiBaseUrl);
    }

    /** Properties for a region with every default. */
    public static NetDocumentsProperties of(NetDocumentsRegion region, String repositoryId, String cabinetId,
                                            String clientId, String clientSecret) {
        return of(region.webBase(), region.apiBase(), repositoryId, cabinetId, clientId, clientSecret);
    }

    /** Properties with explicit hosts (a simulator serves both from one URL) and every default. */
    public static NetDocumentsProperties of(URI baseUrl, URI apiBaseUrl, String repositoryId, String cabinetId,
                                            String clientId, String clientSecret) {
        return ConnectorSettings.validated(new NetDocumentsProperties(baseUrl, apiBaseUrl, repositoryId, cabinetId, clientId, clientSecret, null,
                null, 0, 0));
    }

    /** A copy with another request timeout. */
    public NetDocumentsProperties withRequestTimeout(Duration timeout) {
        return ConnectorSettings.validated(new NetDocumentsProperties(baseUrl, apiBaseUrl, repositoryId, cabinetId, clientId, clientSecret, scope,
                timeout, pageSize, rateLimitPerMinute));
    }

    /** A copy with another page size. */
    public NetDocumentsProperties withPageSize(int size) {
        return ConnectorSettings.validated(new NetDocumentsProperties(baseUrl, apiBaseUrl, repositoryId, cabinetId, clientId, clientSecret, scope,
                requestTimeout, size, rateLimitPerMinute));
    }

    /** A limiter of {@link #rateLimitPerMinute()} calls per 60 s on {@code time}, for this process alone. */
    public RateLimiter newRateLimiter(String name, TimeSource time) {
        return new RateLimiter(name, rateLimitPerMinute, Duration.ofSeconds(60), time);
    }

    @Override
    public String toString() {
        return ConnectorSettings.describe(this);
    }
}
