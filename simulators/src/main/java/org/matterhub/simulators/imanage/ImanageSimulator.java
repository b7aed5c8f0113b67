package org.matterhub.simulators.imanage;

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
public final class ImanageSimulator implements AutoCloseable {

    private final ImanageSimulatorOptions options;
    private final MonotonicClock clock = new MonotonicClock();
    private final FaultInjector faults = new FaultInjector();
    private final RequestRecorder recorder = new RequestRecorder();
    private final FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(60);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ImanageSimulatorData data;
    private final ImanageOAuth oauth;
    private final ImanageApi api;
    private final ImanageControl control;
    private final SimHttpServer server;

    private ImanageSimulator(ImanageSimulatorOptions options) {
        this.options = options;
        this.data = new ImanageSimulatorData(clock, options.library(), this::baseUrl);
        this.oauth = new ImanageOAuth(clock, options.accessTokenTtl());
        this.api = new ImanageApi(data, oauth, limiter, clock, options);
        this.control = new ImanageControl(this);
        this.server = SimHttpServer.start(options.port(), "imanage-sim", this::handle, recorder,
                path -> !path.startsWith(ImanageControl.PREFIX), clock);
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static ImanageSimulator start(ImanageSimulatorOptions options) {
        return new ImanageSimulator(options);
    }

    /** {@code http://127.0.0.1:PORT} (the "server" a firm would configure, e.g. cloudimanage.com). */
    public String baseUrl() {
        return server.baseUrl();
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
        closing.countDown();
        server.close();
    }

    /** Makes an OAuth client (application registered in Control Center) known; redirect URIs are not restricted. */
    public void registerApp(String clientId, String clientSecret) {
        oauth.registerApp(clientId, clientSecret);
    }

    /** Makes a user known for the {@code password} grant (user names are case-insensitive, stored upper-case). */
    public void registerUser(String username, String password) {
        oauth.registerUser(username, password);
    }

    /** The library; changes made here behave like a firm user's edits in iManage Work. */
    public ImanageSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Requests per minute per access token; 0 = unlimited (the default; iManage publishes no limit). */
    public void setRateLimitPerMinute(int perMinute) {
        limiter.setLimit(perMinute);
    }

    /** Requests received on {@code /auth}, {@code /api} and {@code /work} (not {@code /_control}), oldest first. */
    public List<RecordedRequest> requests() {
        return recorder.all();
    }

    /** The requests arrived and not yet answered (a test waits on these instead of sleeping). */
    public List<org.matterhub.simulators.common.RequestRecorder.InProgress> requestsInProgress() {
        return recorder.inProgress();
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

    // ------------------------------------------------------------------ request pipeline

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        if (path.equals(ImanageControl.PREFIX) || path.startsWith(ImanageControl.PREFIX + "/")) {
            control.handle(ex);
            return;
        }
        boolean isOAuth = path.equals(ImanageOAuth.AUTHORIZE_PATH) || path.equals(ImanageOAuth.TOKEN_PATH);
        if (!isOAuth && !ImanageApi.isApiPath(path)) {
            ex.sendJson(404, ImanageApiException.errorBody("NOT_FOUND", "No route matches " + path));
            return;
        }
        if (!applyFaults(ex)) {
            return;
        }
        if (path.equals(ImanageOAuth.AUTHORIZE_PATH)) {
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
                ex.sendJson(rule.effectiveStatus(), ImanageApiException.errorBody("INTERNAL_SERVER_ERROR",
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
                ex.sendJson(429, ImanageApiException.errorBody("TOO_MANY_REQUESTS",
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
