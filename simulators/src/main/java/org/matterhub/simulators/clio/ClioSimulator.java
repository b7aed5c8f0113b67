package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.ControlApi;
import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.SimulatorKit;
import org.matterhub.simulators.common.WebhookSender;

import java.util.List;
import java.util.Map;

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
public final class ClioSimulator implements AutoCloseable, ControlApi.Target {

    private static final FaultAnswers FAULTS = new FaultAnswers() {
        @Override
        public void serverError(SimExchange ex, int status) {
            ex.sendJson(status, ClioApiException.errorBody("InternalServerError",
                    "Simulated server error (" + status + ")"));
        }

        @Override
        public void rateLimited(SimExchange ex, int retryAfterSeconds) {
            ex.sendJson(429, ClioApiException.errorBody("RateLimited",
                    "Rate limit exceeded; retry in " + retryAfterSeconds + " seconds"));
        }
    };

    private final ClioSimulatorOptions options;
    private final SimulatorKit kit = new SimulatorKit("clio-sim", new MonotonicClock());
    private final RateGate rate;
    private final ClioWebhooks webhooks;
    private final ClioSimulatorData data;
    private final ClioOAuth oauth;
    private final ClioApi api;

    private ClioSimulator(ClioSimulatorOptions options) {
        this.options = options;
        MonotonicClock clock = kit.clock();
        WebhookSender sender = kit.closeWith(new WebhookSender("clio-sim", options.webhookMaxAttempts(),
                options.webhookInitialBackoff(), options.webhookTimeout()));
        this.webhooks = new ClioWebhooks(clock, sender);
        this.data = new ClioSimulatorData(clock, webhooks);
        this.oauth = new ClioOAuth(clock);
        this.rate = new RateGate(60, clock, RateGate.X_RATE_LIMIT, (ex, v) -> ex.sendJson(429,
                ClioApiException.errorBody("RateLimited", "Rate limit of " + v.limit()
                        + " requests per minute exceeded; retry in " + v.retryAfterSeconds() + " seconds")));
        this.api = new ClioApi(data, webhooks, oauth, rate, clock, this::baseUrl);
        ClioControl.register(kit.control(), this);
        kit.start(options.port(), this::handle);
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static ClioSimulator start(ClioSimulatorOptions options) {
        return new ClioSimulator(options);
    }

    /** {@code http://127.0.0.1:PORT} */
    @Override
    public String baseUrl() {
        return kit.baseUrl();
    }

    /** Stops the server (releasing requests held by TIMEOUT faults) and the webhook sender. */
    @Override
    public void close() {
        kit.close();
    }

    /** Makes an OAuth client (developer app) known; its redirect URIs are not restricted. */
    @Override
    public void registerApp(String clientId, String clientSecret) {
        oauth.server().registerApp(clientId, clientSecret);
    }

    /** The firm's records; changes made here behave like a firm user's edits in Clio (webhooks fire). */
    public ClioSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return kit.faults();
    }

    /** Requests per minute per access token; 0 = unlimited (headers still sent). Resets all windows. */
    public void setRateLimitPerMinute(int perMinute) {
        rate.setLimit(perMinute);
    }

    /** Requests received on {@code /oauth} and {@code /api} (not {@code /_control}), oldest first. */
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

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        boolean isOAuth = oauth.server().handles(path);
        if (!isOAuth && !path.startsWith(ClioApi.PREFIX + "/")) {
            ex.sendJson(404, ClioApiException.errorBody("RecordNotFound", "No route matches " + path));
        } else if (kit.applyFaults(ex, FAULTS, options.timeoutFaultHold())) {
            if (isOAuth) {
                oauth.server().handle(ex);
            } else {
                api.handle(ex);
            }
        }
    }
}
