package org.matterhub.routes.engine;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The anti-forgery state of every vendor's OAuth connect flow. Starting a flow stores a random nonce on the connection
 * and sends {@code <connection id>.<nonce>} as the OAuth {@code state}; the callback consumes it once. A missing,
 * unknown, replayed or foreign state is a 400 problem before any code is exchanged; the connection id in front names
 * the firm whose row holds the nonce (callbacks arrive with no session).
 */
@Component
public class OAuthStates {

    private final SecureRandom random = new SecureRandom();
    private final WorkQueue queue;
    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final AuditLog audit;

    public OAuthStates(WorkQueue queue, Tenancy tenancy, ConnectionRepository connections, AuditLog audit) {
        this.queue = queue;
        this.tenancy = tenancy;
        this.connections = connections;
        this.audit = audit;
    }

    /** A connect flow begun: the connection (found by vendor and display name, or created) and the state to send. */
    public record Started(ConnectionRecord connection, String state) {
    }

    /**
     * Begins (or, for re-authorisation, restarts) a firm admin's connect flow in the admin's scope: finds the firm's
     * connection to {@code vendor} named {@code displayName} or creates it, stores its settings when given, issues a
     * state and audits the start.
     */
    public Started begin(TenantScope admin, String vendor, String displayName, String baseUrl, String settingsJson) {
        return tenancy.write(admin, () -> {
            UUID id = connections.list().stream()
                    .filter(x -> x.vendor().equals(vendor) && x.displayName().equals(displayName))
                    .map(ConnectionRecord::id).findFirst()
                    .orElseGet(() -> connections.create(vendor, displayName, baseUrl));
            if (settingsJson != null) {
                connections.setSettings(id, settingsJson);
            }
            String state = issue(id);
            audit.record("connection.authorize_started", "connection", id.toString(), java.util.Map.of("vendor", vendor));
            return new Started(connections.find(id).orElseThrow(), state);
        });
    }

    /**
     * Refuses a vendor URL that is not HTTPS (loopback is allowed, for simulators and local servers).
     *
     * @param what how the problem names the URL, e.g. "The accounting API's URL"
     */
    public static String requireSecure(String url, String what, String... alsoAllowed) {
        boolean ok = url.startsWith("https://") || url.startsWith("http://127.0.0.1") || url.startsWith("http://localhost");
        for (String prefix : alsoAllowed) {
            ok |= url.startsWith(prefix);
        }
        if (!ok) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid base URL", what + " must use HTTPS.");
        }
        return url;
    }

    /** A connection whose callback carried a good state, and the firm scope to finish the flow in. */
    public record Callback(ConnectionRecord connection, TenantScope scope) {
    }

    /** A fresh nonce, stored on the connection in the caller's transaction; returns the {@code state} to send. */
    public String issue(UUID connectionId) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        connections.setOAuthState(connectionId, nonce);
        return connectionId + "." + nonce;
    }

    /**
     * Checks a callback's parameters and consumes its state.
     *
     * @param vendorName how the problem names the vendor ("Clio", "the accounting system")
     * @param vendor     the connection's vendor column; a state of another vendor's connection is refused
     */
    public Callback consume(String vendorName, String vendor, String code, String state, String error) {
        if (error != null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Authorization refused", vendorName + " answered: " + error + ".");
        }
        if (code == null || state == null || !state.contains(".")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "code and state are required.");
        }
        UUID connectionId;
        try {
            connectionId = UUID.fromString(state.substring(0, state.indexOf('.')));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown state.");
        }
        UUID firm = queue.firmOfConnection(connectionId);
        if (firm == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown state.");
        }
        TenantScope scope = TenantScope.system(firm);
        String nonce = state.substring(state.indexOf('.') + 1);
        ConnectionRecord c = tenancy.write(scope, () -> connections.consumeOAuthState(nonce)
                .filter(connectionId::equals).flatMap(connections::find).filter(x -> x.vendor().equals(vendor)))
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "Unknown or used state."));
        return new Callback(c, scope);
    }
}
