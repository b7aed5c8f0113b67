package org.matterhub.routes.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.routes.engine.OAuthStates;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.routes.vendor.ConnectFlow;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting a firm's account at any vendor (Clio, iManage Work, NetDocuments, QuickBooks Online, Xero, and whatever
 * the registry holds next): the firm admin posts the connection, follows the vendor's authorize redirect, and the
 * vendor calls back here with a code that is exchanged for tokens, stored encrypted. The vendor in the path is looked
 * up in the {@link VendorRegistry}; its capability's {@link ConnectFlow} does what differs. A vendor the registry has
 * no connect adapter of is not found (404), as an address nothing maps.
 */
@RestController
public class ConnectController {

    private final List<ConnectFlow> flows;
    private final VendorRegistry vendors;
    private final OAuthStates states;
    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final AuditLog audit;
    private final PublicAddress address;

    public ConnectController(List<ConnectFlow> flows, VendorRegistry vendors, OAuthStates states, Tenancy tenancy,
                             ConnectionRepository connections, AuditLog audit, PublicAddress address) {
        this.flows = flows;
        this.vendors = vendors;
        this.states = states;
        this.tenancy = tenancy;
        this.connections = connections;
        this.audit = audit;
        this.address = address;
    }

    /** Where {@code vendor} sends the admin's browser back to. */
    public String redirectUri(String vendor) {
        return address.url(OAuthStates.COOKIE_PATH + vendor);
    }

    /** Starts (or restarts, for re-authorisation) the connect flow; answers with the URL to send the admin to. */
    @PostMapping("/api/v1/admin/connections/{vendor}")
    public ResponseEntity<Map<String, Object>> connect(@PathVariable String vendor,
                                                       @RequestBody(required = false) ConnectFlow.Request body,
                                                       HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        ConnectFlow flow = flow(vendor);
        ConnectFlow.Connection wanted = flow.prepare(vendor, body == null ? new ConnectFlow.Request(null, null, null) : body);
        OAuthStates.Started started = states.begin(p.scope(), vendor, wanted.displayName(), wanted.baseUrl(),
                wanted.settingsJson());
        ConnectionRecord c = started.connection();
        URI authorize;
        try {
            authorize = flow.authorizeUrl(vendor, c, redirectUri(vendor), started.state(), started.codeChallenge());
        } catch (ConnectorSettings.InvalidSettingsException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage() + ".");
        }
        return ResponseEntity.status(HttpStatus.CREATED).headers(started.headers())
                .body(Map.of("connectionId", c.id(), "authorizeUrl", authorize.toString()));
    }

    /**
     * The vendor redirects the admin's browser here; the state and the browser's cookie bind the callback to the flow
     * that asked, and the account the tokens reach must be the one the connection was first authorised for.
     */
    @GetMapping("/oauth/callback/{vendor}")
    public ResponseEntity<Map<String, Object>> callback(@PathVariable String vendor,
                                                        @RequestParam Map<String, String> params,
                                                        HttpServletRequest request) {
        ConnectFlow flow = flow(vendor);
        String name = vendors.adapter(vendor, flow.port()).displayName();
        String code = params.get("code");
        String error = params.get("error");
        if (error == null && code != null) {
            flow.checkCallback(vendor, params);
        }
        OAuthStates.Callback cb = states.consume(flow.callbackName(vendor), vendor, code, params.get("state"), error,
                request);
        ConnectionRecord c = cb.connection();
        ConnectFlow.Grant granted = VendorFailures.during(name, () ->
                flow.exchange(vendor, c, code, params, redirectUri(vendor), cb.codeVerifier()));
        states.bindAccount(cb, name, granted.account());
        granted.saveTokens().run();
        String settings = granted.settingsJson();
        tenancy.writeVoid(cb.scope(), () -> {
            if (settings != null) {
                connections.setSettings(c.id(), settings);
            }
            connections.setStatus(c.id(), "active");
            audit.record("connection.authorized", "connection", c.id().toString(), Map.of("vendor", vendor));
        });
        granted.activated().run();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("connectionId", c.id());
        answer.put("status", "active");
        answer.putAll(granted.fields());
        return ResponseEntity.ok().headers(OAuthStates.clearCookie(c.id())).body(answer);
    }

    /** The flow of {@code vendor}'s capability, as the registry's adapters say; 404 when it has none. */
    private ConnectFlow flow(String vendor) {
        return flows.stream().filter(f -> vendors.supports(vendor, f.port())).findFirst()
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address."));
    }
}
