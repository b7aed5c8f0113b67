package org.matterhub.routes.dms;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.dms.DmsSettings;
import org.matterhub.routes.http.BillingConnectController;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.routes.engine.OAuthStates;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting a firm's iManage Work or NetDocuments account: the firm admin posts the server and the firm's
 * mapping settings, follows the vendor's authorize redirect, and the vendor calls back here with a code that is
 * exchanged for tokens, stored encrypted. Settings can be changed later; the sync reads them on its next run.
 */
@RestController
public class DmsConnectController {

    /** Body of a connect request. {@code settings} is a {@link DmsSettings} object. */
    public record ConnectRequest(String displayName, String baseUrl, JsonNode settings) {
    }

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final DmsConnections clients;
    private final BillingConnections billing;
    private final OAuthStates states;
    private final AuditLog audit;
    private final String publicBaseUrl;

    public DmsConnectController(Tenancy tenancy, ConnectionRepository connections, DmsConnections clients,
                                BillingConnections billing, OAuthStates states, AuditLog audit,
                                @Value("${matterhub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl) {
        this.tenancy = tenancy;
        this.connections = connections;
        this.clients = clients;
        this.billing = billing;
        this.states = states;
        this.audit = audit;
        this.publicBaseUrl = publicBaseUrl;
    }

    public String redirectUri(String vendor) {
        return publicBaseUrl + "/oauth/callback/" + vendor;
    }

    @PostMapping("/api/v1/admin/connections/{vendor:imanage|netdocuments}")
    public ResponseEntity<Map<String, Object>> connect(@PathVariable String vendor, @RequestBody ConnectRequest body,
                                                       HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        if (body == null || body.baseUrl() == null || body.baseUrl().isBlank()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid connection", "baseUrl is required: the "
                    + ("imanage".equals(vendor) ? "iManage Work server" : "NetDocuments host") + " of the firm.");
        }
        String baseUrl = OAuthStates.requireSecure(body.baseUrl().strip(), "The document system's URL");
        DmsSettings settings = settings(body.settings());
        if (DmsConnections.NETDOCUMENTS.equals(vendor) && (settings.repositoryId() == null || settings.cabinetId() == null)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings",
                    "A NetDocuments connection needs settings.repositoryId (CA-…) and settings.cabinetId (NG-…).");
        }
        String name = body.displayName() == null || body.displayName().isBlank()
                ? ("imanage".equals(vendor) ? "iManage Work" : "NetDocuments") : body.displayName().strip();
        OAuthStates.Started started = states.begin(p.scope(), vendor, name, baseUrl, settings.toJson());
        ConnectionRecord c = started.connection();
        clients.evict(c.id());
        DmsConnections.Dms dms = clients.load(c.firmId(), c.id());
        String oauthState = started.state();
        URI authorize = DmsConnections.IMANAGE.equals(vendor)
                ? clients.imanageOAuth(dms).authorizeUrl(redirectUri(vendor), oauthState)
                : clients.netDocumentsOAuth(dms).authorizeUrl(redirectUri(vendor), oauthState);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("connectionId", c.id(), "authorizeUrl", authorize.toString()));
    }

    /**
     * Replaces a document-system or accounting connection's mapping settings; the next sync run applies them. An
     * accounting connection keeps the company or organisation it was authorised for.
     */
    @PutMapping("/api/v1/admin/connections/{id}/settings")
    public Map<String, Object> updateSettings(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        UUID connectionId = uuid(id);
        ConnectionRecord found = tenancy.read(p.scope(), () -> connections.find(connectionId))
                .filter(x -> x.vendor().equals(DmsConnections.IMANAGE) || x.vendor().equals(DmsConnections.NETDOCUMENTS)
                        || billing.isBilling(x.vendor()))
                .orElseThrow(() -> ApiProblem.notFound("Connection " + id));
        Object settings;
        String json;
        if (billing.isBilling(found.vendor())) {
            BillingSettings stored = BillingSettings.parse(tenancy.read(p.scope(), () -> connections.settings(connectionId)).orElse("{}"));
            BillingSettings given = BillingConnectController.settings(body);
            BillingSettings merged = given.withRealm(stored.realmId()).withTenant(stored.tenantId());
            settings = merged;
            json = merged.toJson();
        } else {
            DmsSettings dms = settings(body);
            settings = dms;
            json = dms.toJson();
        }
        tenancy.writeVoid(p.scope(), () -> {
            connections.setSettings(connectionId, json);
            audit.record("connection.settings_changed", "connection", id, Map.of("vendor", found.vendor()));
        });
        clients.evict(found.id());
        billing.evict(found.id());
        return Map.of("connectionId", found.id(), "settings", settings);
    }

    @GetMapping("/oauth/callback/{vendor:imanage|netdocuments}")
    public Map<String, Object> callback(@PathVariable String vendor, @RequestParam(required = false) String code,
                                        @RequestParam(required = false) String state,
                                        @RequestParam(required = false) String error) {
        OAuthStates.Callback cb = states.consume("The document system", vendor, code, state, error);
        ConnectionRecord c = cb.connection();
        TenantScope scope = cb.scope();
        UUID firm = scope.firmId();
        DmsConnections.Dms dms = clients.load(firm, c.id());
        OAuthTokens tokens = DmsConnections.IMANAGE.equals(vendor)
                ? clients.imanageOAuth(dms).exchangeCode(code, redirectUri(vendor))
                : clients.netDocumentsOAuth(dms).exchangeCode(code, redirectUri(vendor));
        clients.saveTokens(firm, c.id(), tokens);
        tenancy.writeVoid(scope, () -> {
            connections.setStatus(c.id(), "active");
            audit.record("connection.authorized", "connection", c.id().toString(), Map.of("vendor", vendor));
        });
        clients.evict(c.id());
        return Map.of("connectionId", c.id(), "status", "active");
    }

    private static DmsSettings settings(JsonNode node) {
        try {
            return DmsSettings.parse(node == null || node.isNull() ? "{}" : node.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage());
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Connection " + id);
        }
    }
}
