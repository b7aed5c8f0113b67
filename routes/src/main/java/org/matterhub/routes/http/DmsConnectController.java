package org.matterhub.routes.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.routes.documents.DmsConnect;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.engine.OAuthStates;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting a firm's document-management account (iManage Work, NetDocuments): the firm admin posts the server
 * and the firm's mapping settings, follows the vendor's authorize redirect, and the vendor calls back here with a
 * code that is exchanged for tokens, stored encrypted. What differs between vendors is the {@link DmsConnect} of the
 * connection's vendor; settings are changed later through {@link ConnectionSettingsController}.
 */
@RestController
public class DmsConnectController {

    /** Body of a connect request. {@code settings} is a {@link DmsSettings} object. */
    public record ConnectRequest(String displayName, String baseUrl, JsonNode settings) {
    }

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final DmsConnections clients;
    private final VendorRegistry vendors;
    private final OAuthStates states;
    private final AuditLog audit;
    private final String publicBaseUrl;
    private final VendorUrls urls;

    public DmsConnectController(Tenancy tenancy, ConnectionRepository connections, DmsConnections clients,
                                VendorRegistry vendors, OAuthStates states, AuditLog audit, VendorUrls urls,
                                @Value("${matterhub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl) {
        this.urls = urls;
        this.tenancy = tenancy;
        this.connections = connections;
        this.clients = clients;
        this.vendors = vendors;
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
        DmsConnect dms = vendors.adapter(vendor, DmsConnect.class);
        if (body == null || body.baseUrl() == null || body.baseUrl().isBlank()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid connection", "baseUrl is required: the "
                    + dms.serverDescription() + " of the firm.");
        }
        String baseUrl = body.baseUrl().strip();
        urls.require(baseUrl, dms.hosts());
        DmsSettings settings = settings(body.settings());
        dms.settingsProblem(settings).ifPresent(problem -> {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", problem);
        });
        dms.vendorUrls(new DmsConnect.Replacement(settings, settings.toJson())).forEach(urls::require);
        String name = body.displayName() == null || body.displayName().isBlank() ? dms.displayName() : body.displayName().strip();
        OAuthStates.Started started = states.begin(p.scope(), vendor, name, baseUrl, settings.toJson());
        ConnectionRecord c = started.connection();
        clients.evict(c.id());
        URI authorize = dms.authorizeUrl(clients.load(c.firmId(), c.id()), redirectUri(vendor), started.state(),
                started.codeChallenge());
        return ResponseEntity.status(HttpStatus.CREATED).headers(started.headers())
                .body(Map.of("connectionId", c.id(), "authorizeUrl", authorize.toString()));
    }

    @GetMapping("/oauth/callback/{vendor:imanage|netdocuments}")
    public ResponseEntity<Map<String, Object>> callback(@PathVariable String vendor,
                                                        @RequestParam(required = false) String code,
                                                        @RequestParam(required = false) String state,
                                                        @RequestParam(required = false) String error,
                                                        HttpServletRequest request) {
        OAuthStates.Callback cb = states.consume("The document system", vendor, code, state, error, request);
        ConnectionRecord c = cb.connection();
        TenantScope scope = cb.scope();
        UUID firm = scope.firmId();
        DmsConnect dms = vendors.adapter(vendor, DmsConnect.class);
        DmsConnect.Authorized granted = VendorFailures.during(dms.displayName(), () ->
                dms.authorize(clients.load(firm, c.id()), code, redirectUri(vendor), cb.codeVerifier()));
        states.bindAccount(cb, dms.displayName(), granted.account());
        clients.saveTokens(firm, c.id(), granted.tokens());
        tenancy.writeVoid(scope, () -> {
            connections.setStatus(c.id(), "active");
            audit.record("connection.authorized", "connection", c.id().toString(), Map.of("vendor", vendor));
        });
        clients.evict(c.id());
        return ResponseEntity.ok().headers(OAuthStates.clearCookie(c.id()))
                .body(Map.of("connectionId", c.id(), "status", "active"));
    }

    private static DmsSettings settings(JsonNode node) {
        try {
            return DmsSettings.parse(node == null || node.isNull() ? "{}" : node.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage());
        }
    }
}
