package org.matterhub.routes.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * The port a vendor implements when a firm admin may change a connection's mapping settings after connecting
 * ({@code PUT /api/v1/admin/connections/{id}/settings}): it reads the settings given, keeps what the connection was
 * authorised for, and forgets what it built from the old settings.
 */
public interface ConnectionSettings extends VendorAdapter {

    /** The settings to store and to show back. */
    record Replacement(Object settings, String json) {
    }

    /**
     * The connection's new settings from {@code given}, merged with what {@code stored} must keep.
     *
     * @throws IllegalArgumentException when {@code given} is not valid settings of this vendor (the message says why)
     */
    Replacement replace(String stored, JsonNode given);

    /**
     * The vendor URLs the new settings name, each with the hosts it may have; the hub checks them before storing the
     * settings (a settings change must not point a connection at another server).
     */
    default java.util.Map<String, org.matterhub.connectors.kernel.VendorHosts> vendorUrls(Replacement replaced) {
        return java.util.Map.of();
    }

    /** Called once the new settings are stored: cached clients built from the old ones are dropped. */
    void changed(UUID connectionId);
}
