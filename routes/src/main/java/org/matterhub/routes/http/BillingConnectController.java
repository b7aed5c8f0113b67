package org.matterhub.routes.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.routes.billing.BillingConnect;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.BillingSyncService;
import org.matterhub.routes.engine.OAuthStates;
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
 * Connecting a firm's accounting company or organisation (QuickBooks Online, Xero): the firm admin posts the API base
 * URL and the firm's billing settings, follows the vendor's authorize redirect, and the vendor calls back here with a
 * code that is exchanged for tokens, stored encrypted. The vendor's {@link BillingConnect} says which account the
 * grant reaches (QuickBooks names the company in the callback; Xero's organisation is found through
 * {@code /connections}). The first poll, the backfill, starts at once.
 */
@RestController
public class BillingConnectController {

    /** Body of a connect request. {@code settings} is a {@link BillingSettings} object. */
    public record ConnectRequest(String displayName, String baseUrl, JsonNode settings) {
    }

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final BillingConnections clients;
    private final VendorRegistry vendors;
    private final BillingSyncService sync;
    private final OAuthStates states;
    private final AuditLog audit;
    private final String publicBaseUrl;

    public BillingConnectController(Tenancy tenancy, ConnectionRepository connections, BillingConnections clients,
                                    VendorRegistry vendors, BillingSyncService sync, OAuthStates states, AuditLog audit,
                                    @Value("${matterhub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl) {
        this.tenancy = tenancy;
        this.connections = connections;
        this.clients = clients;
        this.vendors = vendors;
        this.sync = sync;
        this.states = states;
        this.audit = audit;
        this.publicBaseUrl = publicBaseUrl;
    }

    public String redirectUri(String vendor) {
        return publicBaseUrl + "/oauth/callback/" + vendor;
    }

    @PostMapping("/api/v1/admin/connections/{vendor:quickbooks|xero}")
    public ResponseEntity<Map<String, Object>> connect(@PathVariable String vendor, @RequestBody ConnectRequest body,
                                                       HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        BillingConnect port = vendors.adapter(vendor, BillingConnect.class);
        String baseUrl = body == null || body.baseUrl() == null || body.baseUrl().isBlank()
                ? port.defaultBaseUrl() : body.baseUrl().strip();
        VendorFailures.during(port.displayName(), () -> clients.baseUrl(baseUrl, port.hosts(), port.insecureBaseUrlPrefixes()));
        BillingSettings settings = settings(body == null ? null : body.settings());
        String name = body == null || body.displayName() == null || body.displayName().isBlank()
                ? port.displayName() : body.displayName().strip();
        OAuthStates.Started started = states.begin(p.scope(), vendor, name, baseUrl, settings.toJson());
        ConnectionRecord c = started.connection();
        clients.evict(c.id());
        BillingConnections.Accounting a = clients.load(c.firmId(), c.id());
        URI authorize = port.authorizeUrl(a, redirectUri(vendor), started.state(), started.codeChallenge());
        return ResponseEntity.status(HttpStatus.CREATED).headers(started.headers())
                .body(Map.of("connectionId", c.id(), "authorizeUrl", authorize.toString()));
    }

    @GetMapping("/oauth/callback/{vendor:quickbooks|xero}")
    public ResponseEntity<Map<String, Object>> callback(@PathVariable String vendor,
                                                        @RequestParam Map<String, String> params,
                                                        HttpServletRequest request) {
        BillingConnect port = vendors.adapter(vendor, BillingConnect.class);
        String code = params.get("code");
        String error = params.get("error");
        if (error == null && code != null) {
            port.checkCallback(params);
        }
        OAuthStates.Callback cb = states.consume("The accounting system", vendor, code, params.get("state"), error,
                request);
        ConnectionRecord c = cb.connection();
        TenantScope scope = cb.scope();
        UUID firm = scope.firmId();
        BillingConnections.Accounting a = clients.load(firm, c.id());
        BillingConnect.Authorized granted = VendorFailures.during(port.displayName(), () ->
                port.authorize(a, code, redirectUri(vendor), params, cb.codeVerifier()));
        states.bindAccount(cb, port.displayName(), granted.account());
        BillingSettings settings = port.withAccount(a.settings(), granted.account());
        clients.saveTokens(firm, c.id(), granted.tokens(), granted.refreshTokenExpiresAt());
        tenancy.writeVoid(scope, () -> {
            connections.setSettings(c.id(), settings.toJson());
            connections.setStatus(c.id(), "active");
            audit.record("connection.authorized", "connection", c.id().toString(), Map.of("vendor", vendor));
        });
        clients.evict(c.id());
        sync.requestPoll(vendor, firm, c.id());
        return ResponseEntity.ok().headers(OAuthStates.clearCookie(c.id())).body(Map.of("connectionId", c.id(),
                "status", "active", port.accountField(), port.account(settings)));
    }

    /** Parses settings from a request body; a 422 problem when they are invalid. */
    public static BillingSettings settings(JsonNode node) {
        try {
            return BillingSettings.parse(node == null || node.isNull() ? "{}" : node.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage());
        }
    }
}
