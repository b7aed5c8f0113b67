/**
 * Connector for iManage Work, REST API v2 (plain {@code java.net.http} + Jackson: iManage ships no Java SDK,
 * and its reference needs a customer login, so every fact here is tagged in
 * {@code shared/vendor-contracts/VENDORS.md} §2 and most are ⚠ unconfirmed).
 *
 * <ul>
 *   <li><b>Version:</b> Work API v2 in the path, {@code {baseUrl}/work/api/v2/customers/{customerId}/libraries/{library}/…};
 *       discovery at {@code GET {baseUrl}/api} gives {@code data.user.customer_id} and the libraries (IM-FP, IM-SC).</li>
 *   <li><b>Auth:</b> OAuth 2.0 at {@code /auth/oauth2/token} (authorization code, refresh token, and the
 *       evidenced password grant for service accounts); the access token travels in {@code X-Auth-Token}.
 *       Lifetimes are set per application in Control Center (IM-DOC). {@link org.matterhub.connectors.imanage.ImanageClient}
 *       refreshes on 401 once, single-flight, and persists the new tokens through
 *       {@link org.matterhub.connectors.kernel.TokenStore} before using them.</li>
 *   <li><b>Envelope:</b> {@code {"data": …}}; errors assumed {@code {"error":{"code","message"}}}.</li>
 *   <li><b>Sync:</b> the sync crawl API ({@code POST …/sync/{documents|folders|workspaces}/crawl}, body
 *       {@code {"limit","cursor"}}, response {@code {"data","cursor"}}, page size 1000, IM-DF) is both backfill
 *       and incremental feed: a saved cursor returns only what changed since. No deletion feed is documented:
 *       deletions are found by a full-crawl diff (or by tombstone rows, where a server sends them).</li>
 *   <li><b>Lists:</b> {@code limit}/{@code offset} (customs, children, folder documents, workspace search).</li>
 *   <li><b>Rate limits:</b> none published; {@link org.matterhub.connectors.imanage.ImanageProperties#rateLimitPerMinute()}
 *       is our own budget; 429/503 with {@code Retry-After} are honoured.</li>
 *   <li><b>Content:</b> downloads stream ({@code Range} supported), uploads are streamed multipart bodies;
 *       neither holds a whole file in memory. Uploads are not idempotent: see {@link org.matterhub.connectors.imanage.ImanageClient}.</li>
 * </ul>
 *
 * <p>Records here use iManage's own field names ({@code FullDocumentProfile}, {@code FolderProfile},
 * {@code WorkspaceProfile} of {@code shared/vendor-contracts/imanage/apiDefinition.swagger.json}); translation
 * to the portal model lives in {@code mappings}. Wire behaviour matches {@code simulators/…/imanage}.
 *
 * <p><b>Tokens</b> ({@link org.matterhub.connectors.kernel.OAuthTokenSet}): the access token is sent as {@code
 * X-Auth-Token}; its lifetime is set per application in Control Center ("Access Token Expiry", minutes of
 * inactivity; 30 min is common); a refresh token is present when the application allows it ("Refresh Token Expiry",
 * days).
 */
package org.matterhub.connectors.imanage;
