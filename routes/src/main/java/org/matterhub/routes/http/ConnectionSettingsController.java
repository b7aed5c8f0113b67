package org.matterhub.routes.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.vendor.ConnectionSettings;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces a connection's mapping settings (firm admin); the next sync run applies them. Whatever the capability,
 * the connection's vendor reads and merges them through its {@link ConnectionSettings} (an accounting connection
 * keeps the company or organisation it was authorised for); a connection whose vendor has none is not found.
 */
@RestController
public class ConnectionSettingsController {

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final VendorRegistry vendors;
    private final AuditLog audit;
    private final VendorUrls urls;

    public ConnectionSettingsController(Tenancy tenancy, ConnectionRepository connections, VendorRegistry vendors,
                                        AuditLog audit, VendorUrls urls) {
        this.urls = urls;
        this.tenancy = tenancy;
        this.connections = connections;
        this.vendors = vendors;
        this.audit = audit;
    }

    @PutMapping("/api/v1/admin/connections/{id}/settings")
    public Map<String, Object> updateSettings(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        UUID connectionId = uuid(id);
        ConnectionRecord found = tenancy.read(p.scope(), () -> connections.find(connectionId))
                .filter(x -> vendors.supports(x.vendor(), ConnectionSettings.class))
                .orElseThrow(() -> ApiProblem.notFound("Connection " + id));
        ConnectionSettings vendor = vendors.adapter(found.vendor(), ConnectionSettings.class);
        ConnectionSettings.Replacement replaced;
        try {
            String stored = tenancy.read(p.scope(), () -> connections.settings(connectionId)).orElse("{}");
            replaced = vendor.replace(stored, body);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage());
        }
        vendor.vendorUrls(replaced).forEach(urls::require);
        tenancy.writeVoid(p.scope(), () -> {
            connections.setSettings(connectionId, replaced.json());
            audit.record("connection.settings_changed", "connection", id, Map.of("vendor", found.vendor()));
        });
        vendor.changed(found.id());
        return Map.of("connectionId", found.id(), "settings", replaced.settings());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Connection " + id);
        }
    }
}
