/**
 * Connector for Clio Manage, REST API v4 (plain {@code java.net.http} + Jackson: Clio ships no Java SDK).
 *
 * <ul>
 *   <li><b>Version:</b> API v4 at {@code {baseUrl}/api/v4}; minor version pinned with the
 *       {@code X-API-VERSION} header ({@link org.matterhub.connectors.clio.ClioProperties#apiVersion()},
 *       default 4.0.9). An unknown or retired minor version answers 410.
 *       https://docs.developers.clio.com/api-reference/ (section "Minor Versions")</li>
 *   <li><b>Auth:</b> OAuth 2.0 authorization-code grant ({@code /oauth/authorize}, {@code /oauth/token});
 *       access tokens last 30 days, refresh tokens do not expire and are reused until revoked.
 *       {@link org.matterhub.connectors.clio.ClioClient} refreshes on 401 once, single-flight, and persists
 *       the new tokens through {@link org.matterhub.connectors.kernel.TokenStore} before using them.
 *       https://docs.developers.clio.com/api-docs/authorization</li>
 *   <li><b>Activities:</b> a time entry's {@code quantity} is in seconds from minor version 4.0.4 (hours
 *       before); {@code quantity_in_hours} is also read. https://docs.developers.clio.com/api-reference/#tag/Activities</li>
 *   <li><b>Pagination:</b> cursor mode ({@code order=id(asc)}, follow {@code meta.paging.next}).
 *       https://docs.developers.clio.com/api-docs/paging</li>
 *   <li><b>Rate limits:</b> per access token, 50 requests/minute at peak; {@code X-RateLimit-*} headers on
 *       every response, 429 with {@code Retry-After}. https://docs.developers.clio.com/api-docs/rate-limits</li>
 *   <li><b>Concurrency:</b> {@code ETag} / {@code If-Match} on PATCH, 412 when stale.
 *       https://docs.developers.clio.com/api-docs/etags</li>
 *   <li><b>Webhooks:</b> {@code X-Hook-Secret} handshake, {@code X-Hook-Signature} = lowercase hex
 *       HMAC-SHA256 of the raw body under the webhook's shared secret.
 *       https://docs.developers.clio.com/guides/clio-manage/webhooks/</li>
 * </ul>
 *
 * <p>Records here use Clio's own field names; translation to the portal model lives in {@code mappings}.
 * Contract facts: {@code shared/vendor-contracts/VENDORS.md} §1.
 *
 * <p><b>Tokens</b> ({@link org.matterhub.connectors.kernel.OAuthTokenSet}): the access token is a bearer token for
 * API calls (30 days at Clio); the refresh token does not expire and is reusable until revoked.
 */
package org.matterhub.connectors.clio;
