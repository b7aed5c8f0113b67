package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.FixedWindowRateLimiter;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.RequestRecorder;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.SimHttpServer;
import org.matterhub.simulators.common.WebhookSender;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Clio Manage API v4 simulator on 127.0.0.1: OAuth at {@code baseUrl()+"/oauth/..."}, the API at
 * {@code baseUrl()+"/api/v4/..."}, and a loopback control API at {@code baseUrl()+"/_control/..."}.
 * Stateful, thread-safe, starts in milliseconds. See the package documentation for what is simulated.
 *
 * <pre>{@code
 * try (ClioSimulator clio = ClioSimulator.start(ClioSimulatorOptions.defaults())) {
 *     clio.registerApp("hub", "s3cret");
 *     clio.seedDemoFirm();
 *     // point the hub at clio.baseUrl()
 * }
 * }</pre>
 */
public final class ClioSimulator implements AutoCloseable {

    private final ClioSimulatorOptions options;
    private final MonotonicClock clock = new MonotonicClock();
    private final FaultInjector faults = new FaultInjector();
    private final RequestRecorder recorder = new RequestRecorder();
    private final FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(60);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final WebhookSender sender;
    private final ClioWebhooks webhooks;
    private final ClioSimulatorData data;
    private final ClioOAuth oauth;
    private final ClioApi api;
    private final ClioControl control;
    private final SimHttpServer server;

    private ClioSimulator(ClioSimulatorOptions options) {
        this.options = options;
        this.sender = new WebhookSender("clio-sim", options.webhookMaxAttempts(), options.webhookInitialBackoff(),
                options.webhookTimeout());
        this.webhooks = new ClioWebhooks(clock, sender);
        this.data = new ClioSimulatorData(clock, webhooks);
        this.oauth = new ClioOAuth(clock);
        this.api = new ClioApi(data, webhooks, oauth, limiter, clock, this::baseUrl);
        this.control = new ClioControl(this);
        SimHttpServer started;
        try {
            started = SimHttpServer.start(options.port(), "clio-sim", this::handle, recorder,
                    path -> !path.startsWith(ClioControl.PREFIX), clock);
        } catch (RuntimeException e) {
            sender.close();
            throw e;
        }
        this.server = started;
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static ClioSimulator start(ClioSimulatorOptions options) {
        return new ClioSimulator(options);
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Stops the server (releasing requests held by TIMEOUT faults) and the webhook sender. */
    @Override
    public void close() {
        closing.countDown();
        server.close();
        sender.close();
    }

    /** Makes an OAuth client (developer app) known; its redirect URIs are not restricted. */
    public void registerApp(String clientId, String clientSecret) {
        oauth.registerApp(clientId, clientSecret);
    }

    /** The firm's records; changes made here behave like a firm user's edits in Clio (webhooks fire). */
    public ClioSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Requests per minute per access token; 0 = unlimited (headers still sent). Resets all windows. */
    public void setRateLimitPerMinute(int perMinute) {
        limiter.setLimit(perMinute);
    }

    /** Requests received on {@code /oauth} and {@code /api} (not {@code /_control}), oldest first. */
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

    /** Switches event deliveries on/off; events while off are dropped (handshakes still happen). */
    public void setWebhookDeliveryEnabled(boolean enabled) {
        webhooks.setDeliveryEnabled(enabled);
    }

    /** Current webhook records as Clio renders them (all fields). */
    public List<Map<String, Object>> webhooks() {
        return webhooks.all();
    }

    /** Seeds the deterministic demo firm (3 companies, 10 people, 48 matters). Call once per simulator. */
    public DemoSeed seedDemoFirm() {
        return ClioDemoFirm.seed(data);
    }

    // ------------------------------------------------------------------ request pipeline

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        if (path.equals(ClioControl.PREFIX) || path.startsWith(ClioControl.PREFIX + "/")) {
            control.handle(ex);
            return;
        }
        boolean isApi = path.startsWith(ClioApi.PREFIX + "/");
        boolean isOAuth = path.equals("/oauth/authorize") || path.equals("/oauth/token");
        if (!isApi && !isOAuth) {
            ex.sendJson(404, ClioApiException.errorBody("RecordNotFound", "No route matches " + path));
            return;
        }
        if (!applyFaults(ex)) {
            return;
        }
        if (isOAuth) {
            if (path.endsWith("/authorize")) {
                oauth.authorize(ex);
            } else {
                oauth.token(ex);
            }
        } else {
            api.handle(ex);
        }
    }

    /** Applies matching fault rules; returns false when the request has been answered (or dropped). */
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
                ex.sendJson(rule.effectiveStatus(), ClioApiException.errorBody("InternalServerError",
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
                ex.sendJson(429, ClioApiException.errorBody("RateLimited",
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
