package org.matterhub.connectors.xero;

import java.time.Instant;
import java.util.UUID;

/**
 * One organisation (or practice) the grant may reach, from {@code GET /connections} (XE-ID).
 *
 * @param connectionId   the connection's id ({@code DELETE /connections/{id}} disconnects it)
 * @param tenantId       sent as {@code xero-tenant-id} on every accounting call
 * @param tenantType     {@code ORGANISATION}, {@code PRACTICE}, …
 * @param tenantName     the organisation's display name
 * @param authEventId    the authorization that created the connection (several connections share one)
 * @param createdDateUtc when the organisation was connected, if Xero says
 * @param updatedDateUtc when the connection last changed, if Xero says
 */
public record XeroTenant(UUID connectionId, UUID tenantId, String tenantType, String tenantName, UUID authEventId,
                         Instant createdDateUtc, Instant updatedDateUtc) {
}
