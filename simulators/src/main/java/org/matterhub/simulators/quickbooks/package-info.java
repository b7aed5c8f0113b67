/**
 * Wire-level simulator of the <b>QuickBooks Online Accounting API v3</b> ({@code minorversion} accepted;
 * values below 75 and a missing value behave as 75), written from Intuit's XSDs
 * ({@code shared/vendor-contracts/quickbooks/*.xsd}) and the facts in {@code shared/vendor-contracts/VENDORS.md} §4
 * (developer docs: <a href="https://developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features">REST API features</a>).
 *
 * <p>Authentication: OAuth 2.0 authorization code ({@code /connect/oauth2}, {@code /oauth2/v1/tokens/bearer} with
 * HTTP Basic client auth, rotating refresh tokens, {@code realmId} on the redirect); API calls under
 * {@code /v3/company/{realmId}} with {@code Authorization: Bearer}. Webhooks are signed with
 * {@code intuit-signature} (Base64 HMAC-SHA256 of the raw body keyed by the app's verifier token).
 *
 * <p>Simulated: Customer (incl. sub-customers), Invoice, Payment, CreditMemo, CompanyInfo; answers in XML unless
 * the request accepts JSON; JSON request bodies for create/read/full and sparse
 * update/delete/void with SyncToken checks; {@code requestid} replay; query; CDC; invoice PDF and InvoiceLink;
 * per-realm throttling; faults. Deviations are listed in {@code simulators/README.md}.
 * Entry point: {@link org.matterhub.simulators.quickbooks.QboSimulator}.
 */
package org.matterhub.simulators.quickbooks;
