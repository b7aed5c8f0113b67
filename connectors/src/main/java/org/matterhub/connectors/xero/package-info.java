/**
 * Connector for the Xero Accounting API 2.0, on Xero's official Java SDK ({@code com.github.xeroapi:xero-java}
 * 4.29.1); only this package's own records and the kernel's exceptions cross its surface. Facts are tagged in
 * {@code shared/vendor-contracts/VENDORS.md} §5 and documented at
 * <a href="https://developer.xero.com/documentation/">developer.xero.com/documentation</a>.
 *
 * <ul>
 *   <li><b>Version:</b> {@code https://api.xero.com/api.xro/2.0} (version in the path, no minor-version header); every
 *       accounting call names its organisation in {@code xero-tenant-id}. Tenant discovery:
 *       {@code GET https://api.xero.com/connections}.</li>
 *   <li><b>Auth:</b> OAuth 2.0 authorization code ({@link org.matterhub.connectors.xero.XeroOAuthClient}; HTTP Basic
 *       client authentication at the token endpoint). Access tokens last 30 minutes; refresh tokens rotate on every
 *       use (30-minute grace for the old one). {@link org.matterhub.connectors.xero.XeroClient} refreshes single-flight
 *       through the kernel's {@code TokenSession} and saves the rotated pair through
 *       {@link org.matterhub.connectors.kernel.TokenStore} before using it.</li>
 *   <li><b>Sync:</b> {@code If-Modified-Since} plus {@code page} (100 records a page), ordered by
 *       {@code UpdatedDateUTC}; no tombstones: voided/deleted invoices, deleted payments and archived contacts come
 *       back with that status. Webhooks (INVOICE, CONTACT, CREDITNOTE) carry ids only; payments have no webhook and
 *       arrive by polling. Webhooks are signed with {@code x-xero-signature}
 *       ({@link org.matterhub.connectors.xero.XeroWebhookVerifier}, {@link org.matterhub.connectors.xero.XeroWebhookParser}).</li>
 *   <li><b>Limits:</b> per organisation 60 calls a minute, 5 in flight, 5,000 a day; kept client-side by
 *       {@link org.matterhub.connectors.xero.XeroThrottle}; an exhausted day is
 *       {@link org.matterhub.connectors.xero.XeroDailyLimitException} with its reset instant.</li>
 *   <li><b>Writes:</b> {@code Idempotency-Key} on every write (the payment), reused on every retry.</li>
 *   <li><b>Failures:</b> {@link org.matterhub.connectors.xero.XeroErrorClassifier}.</li>
 * </ul>
 *
 * <p>Wire behaviour matches {@code simulators/…/xero}; translation to the portal model lives in {@code mappings}.
 *
 * <p><b>Tokens</b> ({@link org.matterhub.connectors.kernel.OAuthTokenSet}): one grant may cover several
 * organisations; the access token is a bearer token for the Accounting API and {@code /connections} and lives 30
 * minutes (XE-OA); the refresh token rotates on every use and the previous one stays usable for a 30-minute grace
 * period, so the new one must be stored before anything else happens.
 */
package org.matterhub.connectors.xero;
