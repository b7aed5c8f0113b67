package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.VendorSimulator;
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
public final class ClioSimulator extends VendorSimulator<ClioSimulatorOptions> {

    private final RateGate rate;
    private final ClioWebhooks webhooks;
    private final ClioSimulatorData data;
    private final ClioConversationData conversations;
    private final ClioOAuth oauth;

    private ClioSimulator(ClioSimulatorOptions options) {
        super("clio-sim", new MonotonicClock(), options);
        MonotonicClock clock = kit.clock();
        WebhookSender sender = kit.closeWith(new WebhookSender("clio-sim", options.webhookMaxAttempts(),
                options.webhookInitialBackoff(), options.webhookTimeout()));
        this.webhooks = new ClioWebhooks(clock, sender);
        this.data = new ClioSimulatorData(clock, webhooks);
        this.conversations = new ClioConversationData(data);
        this.oauth = new ClioOAuth(clock);
        use(oauth.server(), FaultAnswers.json(ClioApiException::errorBody, "InternalServerError", "RateLimited"),
                options.timeoutFaultHold());
        this.rate = new RateGate(60, clock, RateGate.X_RATE_LIMIT, (ex, v) -> ex.sendJson(429,
                ClioApiException.errorBody("RateLimited", "Rate limit of " + v.limit()
                        + " requests per minute exceeded; retry in " + v.retryAfterSeconds() + " seconds")));
        ClioApi api = new ClioApi(data, conversations, webhooks, oauth, rate, this::baseUrl);
        ClioControl.register(kit.control(), this);
        kit.start(options.port(), ex -> dispatch(ex, ex.path().startsWith(ClioApi.PREFIX + "/"), api::handle,
                e -> e.sendJson(404, ClioApiException.errorBody("RecordNotFound", "No route matches " + e.path()))));
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static ClioSimulator start(ClioSimulatorOptions options) {
        return new ClioSimulator(options);
    }

    /** The firm's records; changes made here behave like a firm user's edits in Clio (webhooks fire). */
    public ClioSimulatorData data() {
        return data;
    }

    /** The firm's conversations; messages written here are firm staff writing in Clio. */
    public ClioConversationData conversations() {
        return conversations;
    }

    /** Requests per minute per access token; 0 = unlimited (headers still sent). Resets all windows. */
    public void setRateLimitPerMinute(int perMinute) {
        rate.setLimit(perMinute);
    }

    /** Switches event deliveries on/off; events while off are dropped (handshakes still happen). */
    public void setWebhookDeliveryEnabled(boolean enabled) {
        webhooks.setDeliveryEnabled(enabled);
    }

    /** Current webhook records as Clio renders them (all fields). */
    public List<Map<String, Object>> webhooks() {
        return webhooks.all();
    }

    /**
     * From now on the authorize step consents as this Clio user, not the demo firm's admin (a consent link completed
     * by another firm's Clio admin): {@code GET /api/v4/users/who_am_i.json} then names that user.
     */
    public void consentAs(long userId, String firstName, String lastName, String email) {
        oauth.consentAs(userId, firstName, lastName, email);
    }

    /** Seeds the deterministic demo firm (3 companies, 10 people, 48 matters). Call once per simulator. */
    public DemoSeed seedDemoFirm() {
        return ClioDemoFirm.seed(data);
    }
}
