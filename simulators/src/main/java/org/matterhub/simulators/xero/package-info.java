/**
 * Wire-level simulator of the <b>Xero Accounting API 2.0</b> ({@code https://api.xero.com/api.xro/2.0}),
 * written from Xero's official OpenAPI documents ({@code shared/vendor-contracts/xero/xero_accounting.yaml}
 * v16.1.0, {@code xero-identity.yaml}, {@code xero-webhooks.yaml}; published at
 * <a href="https://github.com/XeroAPI/Xero-OpenAPI">github.com/XeroAPI/Xero-OpenAPI</a>) and the developer
 * pages on OAuth 2.0, limits and webhooks (<a href="https://developer.xero.com/documentation/">developer.xero.com</a>),
 * as summarised in {@code shared/vendor-contracts/VENDORS.md} §5.
 *
 * <p>Authentication: OAuth 2.0 authorization code at {@code /identity/connect/authorize} (login.xero.com) and
 * {@code /connect/token} (identity.xero.com; HTTP Basic client credentials), 30-minute bearer access tokens,
 * refresh tokens that rotate on every use with a 30-minute grace period; tenant discovery at
 * {@code /connections}; every accounting call names its organisation in {@code xero-tenant-id}.
 * Webhooks are signed with {@code x-xero-signature} (standard Base64 HMAC-SHA256 of the raw body, keyed by the
 * app's webhook key).
 *
 * <p>Simulated: contacts, ACCREC invoices (incl. online invoice URL and PDF), payments, credit notes, the
 * organisation; XML answers unless JSON is accepted; {@code page} (line items only on paged lists),
 * {@code If-Modified-Since}, {@code where} with Xero's documented operators; {@code Idempotency-Key}; per-tenant minute/day/concurrency
 * and per-app minute limits with Xero's headers; fault injection. Deviations are listed in
 * {@code simulators/README.md}. Entry points: {@link org.matterhub.simulators.xero.XeroSimulator} and
 * {@link org.matterhub.simulators.xero.XeroSimulatorMain}.
 */
package org.matterhub.simulators.xero;
