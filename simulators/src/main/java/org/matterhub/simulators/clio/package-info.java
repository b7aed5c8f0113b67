/**
 * Wire-level simulator of the <b>Clio Manage API v4</b> (minor versions 4.0.4&ndash;4.0.10, default
 * 4.0.9, sent and echoed in {@code X-API-VERSION}), written from Clio's published OpenAPI document
 * ({@code shared/vendor-contracts/clio/openapi.json}, rendered at
 * <a href="https://docs.developers.clio.com/api-reference/">docs.developers.clio.com/api-reference</a>)
 * and the developer guides on pagination, ETags, rate limits, authorization and webhooks
 * (<a href="https://docs.developers.clio.com/">docs.developers.clio.com</a>).
 *
 * <p>Authentication: OAuth 2.0 authorization-code grant at {@code /oauth/authorize} and
 * {@code /oauth/token} (30-day bearer access tokens, non-rotating refresh tokens); API calls under
 * {@code /api/v4} with {@code Authorization: Bearer}. Webhooks are confirmed with the
 * {@code X-Hook-Secret} handshake and signed with {@code X-Hook-Signature} (lowercase hex
 * HMAC-SHA256 of the raw body keyed by the webhook's shared secret).
 *
 * <p>Simulated: matters, contacts (incl. nested e-mail addresses, phone numbers, addresses), notes,
 * activities (time and expense entries, read-only; a time entry's {@code quantity} in seconds, as from 4.0.4),
 * webhooks; cursor and offset paging; {@code fields} (without it a record is its {@code id} and {@code etag}; every
 * field the OpenAPI document lists is selectable, see {@code ClioFields}); {@code updated_since}; ETag/If-None-Match/If-Match;
 * per-token rate limits; fault injection. Deviations from the real service are listed in
 * {@code simulators/README.md}. Entry points: {@link org.matterhub.simulators.clio.ClioSimulator} and
 * {@link org.matterhub.simulators.clio.ClioSimulatorMain}.
 */
package org.matterhub.simulators.clio;
