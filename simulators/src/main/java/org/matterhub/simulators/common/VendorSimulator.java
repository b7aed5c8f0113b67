package org.matterhub.simulators.common;

import java.time.Duration;
import java.util.List;

/**
 * The part of every vendor simulator that is not the vendor: the {@link SimulatorKit} (server, faults, request
 * log, control API) and the vendor's {@link OAuthServer}, with the public operations tests and demos call on any
 * simulator. A subclass supplies its API handler, its data, its error shapes ({@link #faultAnswers()}) and
 * registers its OAuth server with {@link #use} before {@link SimulatorKit#start starting}.
 */
public abstract class VendorSimulator<O> implements AutoCloseable, ControlApi.Target {

    protected final SimulatorKit kit;
    private final O options;
    private OAuthServer authServer;
    private FaultAnswers faultAnswers;
    private Duration timeoutFaultHold;

    protected VendorSimulator(String name, MonotonicClock clock, O options) {
        this.kit = new SimulatorKit(name, clock);
        this.options = options;
    }

    /**
     * Sets the vendor's parts (once, in the constructor).
     *
     * @param server           the vendor's OAuth server
     * @param faultAnswers     how the vendor answers injected server errors and throttles
     * @param timeoutFaultHold how long a TIMEOUT fault holds a request before dropping it
     */
    protected final void use(OAuthServer server, FaultAnswers faultAnswers, Duration timeoutFaultHold) {
        this.authServer = server;
        this.faultAnswers = faultAnswers;
        this.timeoutFaultHold = timeoutFaultHold;
    }

    /** The start-up options. */
    public O options() {
        return options;
    }

    /** {@code http://127.0.0.1:PORT} */
    @Override
    public String baseUrl() {
        return kit.baseUrl();
    }

    public int port() {
        return kit.port();
    }

    /** Stops the server (releasing requests held by TIMEOUT faults) and whatever the simulator runs beside it. */
    @Override
    public void close() {
        kit.close();
    }

    /** Makes an OAuth client (the vendor's developer app) known; redirect URIs are not restricted. */
    @Override
    public void registerApp(String clientId, String clientSecret) {
        authServer.registerApp(clientId, clientSecret);
    }

    /** Refresh grants answer {@code invalid_grant}; API calls with any existing token answer 401. */
    @Override
    public void revokeAllTokens() {
        authServer.revokeAll();
    }

    /** Existing access tokens answer 401 until the client refreshes. */
    @Override
    public void expireAccessTokens() {
        authServer.expireAll();
    }

    public FaultInjector faults() {
        return kit.faults();
    }

    /** Latches that hold the next request of a kind until released (kills with that request in flight). */
    public RequestHolds holds() {
        return kit.holds();
    }

    /** Requests received outside {@code /_control}, oldest first. */
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

    /** Applies the matching fault rules; false when a fault has answered (or dropped) the request. */
    protected final boolean applyFaults(SimExchange ex) throws InterruptedException {
        return kit.applyFaults(ex, faultAnswers, timeoutFaultHold);
    }

    /**
     * Serves OAuth endpoints and the vendor's API (both after faults); anything else goes to {@code notFound}.
     *
     * @param apiPath whether the request's path belongs to the vendor's API
     */
    protected final void dispatch(SimExchange ex, boolean apiPath, SimHttpServer.Handler api,
                                  SimHttpServer.Handler notFound) throws Exception {
        boolean isOAuth = authServer.handles(ex.path());
        if (!isOAuth && !apiPath) {
            notFound.handle(ex);
        } else if (applyFaults(ex)) {
            if (isOAuth) {
                authServer.handle(ex);
            } else {
                api.handle(ex);
            }
        }
    }
}
