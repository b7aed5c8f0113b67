package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.FixedWindowRateLimiter;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.RequestRecorder;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.SimHttpServer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A NetDocuments REST API simulator on 127.0.0.1. One base URL serves both NetDocuments hosts: the web
 * host's OAuth page {@code baseUrl()+"/neWeb2/OAuth.aspx"} and the API host's {@code /v1/OAuth},
 * {@code /v1/...} and {@code /v2/...}; a loopback control API lives at {@code baseUrl()+"/_control/..."}.
 * Stateful, thread-safe, starts in milliseconds. What is evidence and what is assumption is listed in
 * {@code simulators/README.md}.
 *
 * <pre>{@code
 * try (NetDocumentsSimulator nd = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.defaults())) {
 *     nd.registerApp("AP-MATTERHB", "s3cret");
 *     nd.seedDemoFirm();
 *     // point the hub at nd.baseUrl() (both the web and the API host)
 * }
 * }</pre>
 */
public final class NetDocumentsSimulator implements AutoCloseable {

    private final NetDocumentsSimulatorOptions options;
    private final MonotonicClock clock = new MonotonicClock();
    private final FaultInjector faults = new FaultInjector();
    private final RequestRecorder recorder = new RequestRecorder();
    private final FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(60);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final NetDocumentsSimulatorData data;
    private final NetDocumentsOAuth oauth;
    private final NetDocumentsApi api;
    private final NetDocumentsControl control;
    private final SimHttpServer server;

    private NetDocumentsSimulator(NetDocumentsSimulatorOptions options) {
        this.options = options;
        this.data = new NetDocumentsSimulatorData(clock, options);
        this.limiter.setLimit(options.rateLimitPerMinute());
        this.oauth = new NetDocumentsOAuth(clock, options.accessTokenTtl());
        this.api = new NetDocumentsApi(data, oauth, limiter, clock, options);
        this.control = new NetDocumentsControl(this);
        this.server = SimHttpServer.start(options.port(), "netdocuments-sim", this::handle, recorder,
                path -> !path.startsWith(NetDocumentsControl.PREFIX), clock);
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static NetDocumentsSimulator start(NetDocumentsSimulatorOptions options) {
        return new NetDocumentsSimulator(options);
    }

    /** {@code http://127.0.0.1:PORT} (stands for both {@code vault.netvoyage.com} and {@code api.vault.netvoyage.com}). */
    public String baseUrl() {
        return server.baseUrl();
    }

    public NetDocumentsSimulatorOptions options() {
        return options;
    }

    /** Stops the server, releasing requests held by TIMEOUT faults. */
    @Override
    public void close() {
        closing.countDown();
        server.close();
    }

    /** Makes an OAuth client (an {@code AP-…} application) known; redirect URIs are not restricted. */
    public void registerApp(String clientId, String clientSecret) {
        oauth.registerApp(clientId, clientSecret);
    }

    /** The repository; changes made here behave like a firm user's edits in NetDocuments. */
    public NetDocumentsSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Calls per 60 s per access token (default 100, see the options); 0 = unlimited. Resets all windows. */
    public void setRateLimitPerMinute(int perMinute) {
        limiter.setLimit(perMinute);
    }

    /** Requests received on {@code /neWeb2}, {@code /v1} and {@code /v2} (not {@code /_control}), oldest first. */
    public List<RecordedRequest> requests() {
        return recorder.all();
    }

    public void clearRequests() {
        recorder.clear();
    }

    /** Refresh grants answer {@code invalid_grant}; API calls with any existing token answer 401. */
    public void revokeAllTokens() {
        oauth.revokeAll();
    }

    /** Existing access tokens answer 401 until the client refreshes. */
    public void expireAccessTokens() {
        oauth.expireAll();
    }

    /** Documents created through {@code POST /v1/Document/upload} (all destinations). */
    public int uploadCount() {
        return data.uploadCount();
    }

    /** Documents created through {@code POST /v1/Document/upload} with this destination. */
    public int uploadCount(String destinationId) {
        return data.uploadCount(destinationId);
    }

    /**
     * Seeds the demo firm: client values NORTHWIND, BLUEBIRD and CEDARPINE, matter values 00001–00048 spread
     * over them as in the Clio simulator's demo firm, one workspace per matter with "Client Portal" and
     * "Internal" folders and a few documents. Call once per simulator.
     */
    public NetDocumentsDemoSeed seedDemoFirm() {
        return NetDocumentsDemoFirm.seed(data);
    }

    /** Seeds the demo firm's matters of the given client numbers only (e.g. {@code NORTHWIND}). */
    public NetDocumentsDemoSeed seedDemoFirm(java.util.Set<String> clientNumbers) {
        return NetDocumentsDemoFirm.seed(data, m -> clientNumbers.contains(m.clientNumber()));
    }

    // ------------------------------------------------------------------ request pipeline

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        if (path.equals(NetDocumentsControl.PREFIX) || path.startsWith(NetDocumentsControl.PREFIX + "/")) {
            control.handle(ex);
            return;
        }
        boolean isOAuth = path.equalsIgnoreCase(NetDocumentsOAuth.AUTHORIZE_PATH)
                || path.equalsIgnoreCase(NetDocumentsOAuth.TOKEN_PATH);
        if (!isOAuth && !NetDocumentsApi.isApiPath(path)) {
            ex.sendJson(404, NetDocumentsApiException.errorBody("NotFound", "No route matches " + path));
            return;
        }
        if (!applyFaults(ex)) {
            return;
        }
        if (path.equalsIgnoreCase(NetDocumentsOAuth.AUTHORIZE_PATH)) {
            oauth.authorize(ex);
        } else if (isOAuth) {
            oauth.token(ex);
        } else {
            api.handle(ex);
        }
    }

    private boolean applyFaults(SimExchange ex) throws InterruptedException {
        FaultInjector.Decision decision = faults.decide(ex.method(), ex.path());
        if (decision.latencyMillis() > 0 && closing.await(decision.latencyMillis(), TimeUnit.MILLISECONDS)) {
            ex.drop();
            return false;
        }
        Optional<FaultRule> fault = decision.fault();
        if (fault.isEmpty()) {
            return true;
        }
        FaultRule rule = fault.get();
        switch (rule.kind()) {
            case SERVER_ERROR -> {
                ex.sendJson(rule.effectiveStatus(), NetDocumentsApiException.errorBody("InternalServerError",
                        "Simulated server error (" + rule.effectiveStatus() + ")"));
                return false;
            }
            case TIMEOUT -> {
                ex.recordNow();
                closing.await(options.timeoutFaultHold().toMillis(), TimeUnit.MILLISECONDS);
                ex.drop();
                return false;
            }
            case RATE_LIMITED -> {
                ex.responseHeader("Retry-After", Integer.toString(rule.effectiveRetryAfterSeconds()));
                ex.sendJson(429, NetDocumentsApiException.errorBody("TooManyRequests",
                        "Rate limit exceeded; retry in " + rule.effectiveRetryAfterSeconds() + " seconds"));
                return false;
            }
            case MALFORMED_BODY -> ex.malformOnSend();
            case LOST_RESPONSE -> ex.dropOnSend();
            default -> {
                // LATENCY is handled above
            }
        }
        return true;
    }
}
