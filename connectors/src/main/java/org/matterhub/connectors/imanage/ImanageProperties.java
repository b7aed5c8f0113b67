package org.matterhub.connectors.imanage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.kernel.OAuthClientSettings;

/**
 * Settings of the iManage Work connector for one firm's iManage server and OAuth application.
 *
 * @param baseUrl            the Work server, without path: {@code https://cloudimanage.com}, a regional or
 *                           vanity host, an on-premises server, or a simulator's {@code http://127.0.0.1:PORT}.
 *                           OAuth lives at {@code baseUrl + /auth/oauth2/…}, discovery at {@code baseUrl + /api},
 *                           the library at {@code baseUrl + /work/api/v2/customers/{customerId}/libraries/{library}}.
 * @param customerId         the iManage customer id; optional: when blank it is read once from discovery
 *                           ({@code GET /api}, {@code data.user.customer_id}) and cached for the client's life.
 * @param library            the library (database) alias the firm files matters in, e.g. {@code ACTIVE_US}.
 * @param clientId           OAuth client id of the application registered in iManage Control Center.
 * @param clientSecret       OAuth client secret. <b>Secret:</b> masked in {@link #toString()}, never logged.
 * @param requestTimeout     per-request response timeout, and the longest a call waits for a rate-limit
 *                           permit before failing as retriable; default 30 s. A download's timeout covers the
 *                           response headers only; the body then streams at the caller's pace.
 * @param crawlPageSize      rows per sync-crawl page ({@code limit}), 1–1000; default 1000 (the page size seen in
 *                           third-party use of the sync API, IM-DF, and the simulator's maximum).
 * @param listPageSize       rows per page of {@code limit}/{@code offset} lists (customs, children, folder
 *                           documents, workspace search), 1–9999; default 500.
 * @param rateLimitPerMinute our own request budget per connection: iManage publishes no limit, so this is a
 *                           courtesy ceiling agreed with the firm's iManage administrator; default 300.
 */
public record ImanageProperties(
        @NotNull URI baseUrl,
        @Pattern(regexp = "^$|^[A-Za-z0-9_-]+$") String customerId,
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_]+$") String library,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotNull Duration requestTimeout,
        @Min(1) @Max(1000) int crawlPageSize,
        @Min(1) @Max(9999) int listPageSize,
        @Min(1) int rateLimitPerMinute) implements OAuthClientSettings {

    /**
     * iManage Work cloud hosts (docs/vendors/imanage.md): {@code cloudimanage.com} and one tenant or region label under
     * it ({@code <tenant>.cloudimanage.com}, {@code eu.cloudimanage.com}).
     */
    public static final org.matterhub.connectors.kernel.VendorHosts HOSTS = org.matterhub.connectors.kernel.VendorHosts.of(
            "iManage Work", "cloudimanage.com").withTenantsUnder("cloudimanage.com");

    /** Default {@link #crawlPageSize()}. */
    public static final int DEFAULT_CRAWL_PAGE_SIZE = 1000;
    /** Default {@link #rateLimitPerMinute()}: our budget, not a vendor figure. */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 300;

    public ImanageProperties {
        customerId = ConnectorSettings.textOr(customerId, null);
        requestTimeout = ConnectorSettings.orDefault(requestTimeout, Duration.ofSeconds(30));
        crawlPageSize = ConnectorSettings.orDefault(crawlPageSize, DEFAULT_CRAWL_PAGE_SIZE);
        listPageSize = ConnectorSettings.orDefault(listPageSize, 500);
        rateLimitPerMinute = ConnectorSettings.orDefault(rateLimitPerMinute, DEFAULT_RATE_LIMIT_PER_MINUTE);
        baseUrl = ConnectorSettings.withoutTrailingSlash(baseUrl);
    }

    /** Properties with every default and the customer id left to discovery. */
    public static ImanageProperties of(URI baseUrl, String library, String clientId, String clientSecret) {
        return ConnectorSettings.validated(new ImanageProperties(baseUrl, null, library, clientId, clientSecret, null, 0, 0, 0));
    }

    /** A copy with a fixed customer id (no discovery call). */
    public ImanageProperties withCustomerId(String id) {
        return ConnectorSettings.validated(new ImanageProperties(baseUrl, id, library, clientId, clientSecret, requestTimeout, crawlPageSize,
                listPageSize, rateLimitPerMinute));
    }

    /** A copy with another request timeout. */
    public ImanageProperties withRequestTimeout(Duration timeout) {
        return ConnectorSettings.validated(new ImanageProperties(baseUrl, customerId, library, clientId, clientSecret, timeout, crawlPageSize,
                listPageSize, rateLimitPerMinute));
    }

    /** A copy with other page sizes. */
    public ImanageProperties withPageSizes(int crawl, int list) {
        return ConnectorSettings.validated(new ImanageProperties(baseUrl, customerId, library, clientId, clientSecret, requestTimeout, crawl,
                list, rateLimitPerMinute));
    }

    /** {@code baseUrl + /work/api/v2/customers/{customerId}/libraries/{library}}. */
    public URI libraryBase(String resolvedCustomerId) {
        return URI.create(baseUrl + "/work/api/v2/customers/" + resolvedCustomerId + "/libraries/" + library);
    }

    @Override
    public String toString() {
        return ConnectorSettings.describe(this);
    }
}
