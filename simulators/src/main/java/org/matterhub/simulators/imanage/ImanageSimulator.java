package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.ControlApi;
import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.RequestRecorder;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.SimulatorKit;

import java.util.List;

/**
 * An iManage Work API v2 simulator on 127.0.0.1: OAuth at {@code baseUrl()+"/auth/oauth2/..."},
 * discovery at {@code baseUrl()+"/api"}, the library at {@link #libraryUrl()}, and a loopback control API
 * at {@code baseUrl()+"/_control/..."}. Stateful, thread-safe, starts in milliseconds. What is evidence and
 * what is assumption is listed in {@code simulators/README.md}.
 *
 * <pre>{@code
 * try (ImanageSimulator im = ImanageSimulator.start(ImanageSimulatorOptions.defaults())) {
 *     im.registerApp("matterhub", "s3cret");
 *     im.seedDemoFirm();
 *     // point the hub at im.baseUrl()
 * }
 * }</pre>
 */
public final class ImanageSimulator implements AutoCloseable, ControlApi.Target {

    private static final FaultAnswers FAULTS = new FaultAnswers() {
        @Override
        public void serverError(SimExchange ex, int status) {
            ex.sendJson(status, ImanageApiException.errorBody("INTERNAL_SERVER_ERROR",
                    "Simulated server error (" + status + ")"));
        }

        @Override
        public void rateLimited(SimExchange ex, int retryAfterSeconds) {
            ex.sendJson(429, ImanageApiException.errorBody("TOO_MANY_REQUESTS",
                    "Rate limit exceeded; retry in " + retryAfterSeconds + " seconds"));
        }
    };

    private final ImanageSimulatorOptions options;
    private final SimulatorKit kit = new SimulatorKit("imanage-sim", new MonotonicClock());
    private final RateGate rate;
    private final ImanageSimulatorData data;
    private final ImanageOAuth oauth;
    private final ImanageApi api;

    private ImanageSimulator(ImanageSimulatorOptions options) {
        this.options = options;
        MonotonicClock clock = kit.clock();
        this.data = new ImanageSimulatorData(clock, options.library(), this::baseUrl);
        this.oauth = new ImanageOAuth(clock, options.accessTokenTtl());
        this.rate = new RateGate(60, clock, RateGate.NO_HEADERS, (ex, v) -> ex.sendJson(429,
                ImanageApiException.errorBody("TOO_MANY_REQUESTS", "Rate limit of " + v.limit()
                        + " requests per minute exceeded; retry in " + v.retryAfterSeconds() + " seconds")));
        this.api = new ImanageApi(data, oauth, rate, options);
        ImanageControl.register(kit.control(), this);
        kit.start(options.port(), this::handle);
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static ImanageSimulator start(ImanageSimulatorOptions options) {
        return new ImanageSimulator(options);
    }

    /** {@code http://127.0.0.1:PORT} (the "server" a firm would configure, e.g. cloudimanage.com). */
    @Override
    public String baseUrl() {
        return kit.baseUrl();
    }

    /** {@code baseUrl()/work/api/v2/customers/{cid}/libraries/{lib}} */
    public String libraryUrl() {
        return baseUrl() + "/work/api/v2/customers/" + options.customerId() + "/libraries/" + options.library();
    }

    public ImanageSimulatorOptions options() {
        return options;
    }

    /** Stops the server, releasing requests held by TIMEOUT faults. */
    @Override
    public void close() {
        kit.close();
    }

    /** Makes an OAuth client (application registered in Control Center) known; redirect URIs are not restricted. */
    @Override
    public void registerApp(String clientId, String clientSecret) {
        oauth.server().registerApp(clientId, clientSecret);
    }

    /** Makes a user known for the {@code password} grant (user names are case-insensitive, stored upper-case). */
    public void registerUser(String username, String password) {
        oauth.server().registerUser(username, password);
    }

    /** The library; changes made here behave like a firm user's edits in iManage Work. */
    public ImanageSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return kit.faults();
    }

    /** Requests per minute per access token; 0 = unlimited (the default; iManage publishes no limit). */
    public void setRateLimitPerMinute(int perMinute) {
        rate.setLimit(perMinute);
    }

    /** Requests received on {@code /auth}, {@code /api} and {@code /work} (not {@code /_control}), oldest first. */
    public List<RecordedRequest> requests() {
        return kit.requests();
    }

    /** The requests arrived and not yet answered (a test waits on these instead of sleeping). */
    public List<RequestRecorder.InProgress> requestsInProgress() {
        return kit.requestsInProgress();
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

    /** Documents created through the API upload endpoint (all folders). */
    public int uploadCount() {
        return data.uploadCount();
    }

    /** Documents created through the API upload endpoint in one folder. */
    public int uploadCount(String folderId) {
        return data.uploadCount(folderId);
    }

    /**
     * Seeds the demo firm: clients NORTHWIND, BLUEBIRD and CEDARPINE, matters 00001–00048 spread over them
     * as in the Clio simulator's demo firm, one workspace per matter with "Client Portal" and "Internal"
     * folders and a few documents. Call once per simulator.
     */
    public ImanageDemoSeed seedDemoFirm() {
        return ImanageDemoFirm.seed(data);
    }

    /** Seeds the demo firm's matters of the given client numbers only (e.g. {@code NORTHWIND}). */
    public ImanageDemoSeed seedDemoFirm(java.util.Set<String> clientNumbers) {
        return ImanageDemoFirm.seed(data, m -> clientNumbers.contains(m.clientNumber()));
    }

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        boolean isOAuth = oauth.server().handles(path);
        if (!isOAuth && !ImanageApi.isApiPath(path)) {
            ex.sendJson(404, ImanageApiException.errorBody("NOT_FOUND", "No route matches " + path));
        } else if (kit.applyFaults(ex, FAULTS, options.timeoutFaultHold())) {
            if (isOAuth) {
                oauth.server().handle(ex);
            } else {
                api.handle(ex);
            }
        }
    }
}
