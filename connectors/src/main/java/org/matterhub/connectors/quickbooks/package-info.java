/**
 * Connector for the QuickBooks Online Accounting API v3, on Intuit's official Java SDK
 * ({@code com.intuit.quickbooks-online:ipp-v3-java-devkit:6.4.2}); facts are tagged in
 * {@code shared/vendor-contracts/VENDORS.md} §4 and documented at
 * https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/invoice and its neighbours.
 *
 * <ul>
 *   <li><b>Version:</b> {@code {apiBaseUrl}/{realmId}/…} with {@code minorversion=75} on every call
 *       ({@link org.matterhub.connectors.quickbooks.QboProperties#minorVersion()}; 75 is the floor since 2025-08-01).</li>
 *   <li><b>Auth:</b> OAuth 2.0 authorization code ({@link org.matterhub.connectors.quickbooks.QboOAuthClient}); the
 *       realm id comes back on the redirect. Access tokens live an hour; refresh tokens rotate, so the client
 *       saves refreshed tokens through {@link org.matterhub.connectors.kernel.TokenStore} before use.</li>
 *   <li><b>Sync:</b> backfill by paged query ({@code ORDERBY Id STARTPOSITION n MAXRESULTS ≤1000}); incremental by
 *       CDC (30-day look-back, 1,000 objects per response, deletions as {@code status: Deleted}); webhooks
 *       (legacy and CloudEvents formats, {@code intuit-signature}) carry ids only.</li>
 *   <li><b>Limits:</b> 500 requests/min and 10 concurrent per realm and app, enforced client-side; 429 fault code
 *       3001. Creates carry a {@code requestid} and are retried with it.</li>
 * </ul>
 *
 * <h2>The devkit's {@code Config} is per thread</h2>
 * {@code com.intuit.ipp.util.Config} keeps its settings in a {@code private static ThreadLocal<Config>} (a plain
 * {@code ThreadLocal}, not inheritable), whose initial value is read from {@code intuit-default-config.xml}; the
 * devkit builds a new Apache HTTP client for every request from the calling thread's values ({@code baseURL.qbo},
 * {@code proxy.host}/{@code proxy.port}, timeouts, retry policy). Consequences: a value set on one thread is
 * invisible to others (a pool thread that never set it talks to production Intuit), and a value left behind leaks
 * into the next task on that pooled thread. {@link org.matterhub.connectors.quickbooks.QboClient} therefore sets
 * every value it relies on immediately before each devkit call, on the calling thread, and restores the previous
 * values afterwards; the devkit's {@code Context} (token, realm, request id, include) is built fresh per call, as
 * it is mutable. Two realms or connections with different base URLs or proxies can so be used from any threads at
 * once. The devkit's {@code …Async} methods run on its own threads and are not used. The devkit ignores the port of
 * {@code baseURL.qbo}, so a simulator is reached as the HTTP proxy
 * ({@link org.matterhub.connectors.quickbooks.QboProperties#proxyHost()}). The devkit's own retries are turned off
 * ({@code retry.fixed.count=0}) so that every request is counted by the client's limiter.
 *
 * <p>The devkit reports faults as {@code FMSException} without the HTTP status or {@code Retry-After};
 * {@code QboFaults} infers the status from the fault code (see {@link
 * org.matterhub.connectors.quickbooks.QboErrorClassifier}). The invoice PDF is fetched with {@code java.net.http}
 * because the devkit buffers it whole.
 *
 * <p>Records here use QBO's own field names ({@code Finance.xsd}); translation to the portal model lives in
 * {@code mappings}. Wire behaviour matches {@code simulators/…/quickbooks}.
 */
package org.matterhub.connectors.quickbooks;
