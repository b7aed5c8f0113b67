package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.ControlApi;
import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.SimulatorKit;

import java.util.List;

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
public final class NetDocumentsSimulator implements AutoCloseable, ControlApi.Target {

    private static final FaultAnswers FAULTS = new FaultAnswers() {
        @Override
        public void serverError(SimExchange ex, int status) {
            ex.sendJson(status, NetDocumentsApiException.errorBody("InternalServerError",
                    "Simulated server error (" + status + ")"));
        }

        @Override
        public void rateLimited(SimExchange ex, int retryAfterSeconds) {
            ex.sendJson(429, NetDocumentsApiException.errorBody("TooManyRequests",
                    "Rate limit exceeded; retry in " + retryAfterSeconds + " seconds"));
        }
    };

    private final NetDocumentsSimulatorOptions options;
    private final SimulatorKit kit = new SimulatorKit("netdocuments-sim", new MonotonicClock());
    private final RateGate rate;
    private final NetDocumentsSimulatorData data;
    private final NetDocumentsOAuth oauth;
    private final NetDocumentsApi api;

    private NetDocumentsSimulator(NetDocumentsSimulatorOptions options) {
        this.options = options;
        MonotonicClock clock = kit.clock();
        this.data = new NetDocumentsSimulatorData(clock, options);
        this.rate = new RateGate(60, clock, RateGate.NO_HEADERS, (ex, v) -> ex.sendJson(429,
                NetDocumentsApiException.errorBody("TooManyRequests", "More than " + v.limit()
                        + " calls in 60 seconds with this token; retry in " + v.retryAfterSeconds() + " seconds")));
        this.rate.setLimit(options.rateLimitPerMinute());
        this.oauth = new NetDocumentsOAuth(clock, options.accessTokenTtl());
        this.api = new NetDocumentsApi(data, oauth, rate, clock, options);
        NetDocumentsControl.register(kit.control(), this);
        kit.start(options.port(), this::handle);
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static NetDocumentsSimulator start(NetDocumentsSimulatorOptions options) {
        return new NetDocumentsSimulator(options);
    }

    /** {@code http://127.0.0.1:PORT} (stands for both {@code vault.netvoyage.com} and {@code api.vault.netvoyage.com}). */
    @Override
    public String baseUrl() {
        return kit.baseUrl();
    }

    public NetDocumentsSimulatorOptions options() {
        return options;
    }

    /** Stops the server, releasing requests held by TIMEOUT faults. */
    @Override
    public void close() {
        kit.close();
    }

    /** Makes an OAuth client (an {@code AP-…} application) known; redirect URIs are not restricted. */
    @Override
    public void registerApp(String clientId, String clientSecret) {
        oauth.server().registerApp(clientId, clientSecret);
    }

    /** The repository; changes made here behave like a firm user's edits in NetDocuments. */
    public NetDocumentsSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return kit.faults();
    }

    /** Calls per 60 s per access token (default 100, see the options); 0 = unlimited. Resets all windows. */
    public void setRateLimitPerMinute(int perMinute) {
        rate.setLimit(perMinute);
    }

    /** Requests received on {@code /neWeb2}, {@code /v1} and {@code /v2} (not {@code /_control}), oldest first. */
    public List<RecordedRequest> requests() {
        return kit.requests();
    }

    public void clearRequests() {
        kit.clearRequests();
    }

    /** Refresh grants answer {@code invalid_grant}; API calls with any existing token answer 401. */
    @Override
    public void revokeAllTokens() {
        oauth.server().revokeAll();
    }

    /** Existing access tokens answer 401 until the client refreshes. */
    @Override
    public void expireAccessTokens() {
        oauth.server().expireAll();
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

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        boolean isOAuth = oauth.server().handles(path);
        if (!isOAuth && !NetDocumentsApi.isApiPath(path)) {
            ex.sendJson(404, NetDocumentsApiException.errorBody("NotFound", "No route matches " + path));
        } else if (kit.applyFaults(ex, FAULTS, options.timeoutFaultHold())) {
            if (isOAuth) {
                oauth.server().handle(ex);
            } else {
                api.handle(ex);
            }
        }
    }
}
