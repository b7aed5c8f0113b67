package org.matterhub.simulators.quickbooks;

import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.FixedWindowRateLimiter;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.OAuthServer;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.VendorSimulator;
import org.matterhub.simulators.common.WebhookSender;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * QuickBooks Online Accounting API v3 simulator on 127.0.0.1. The official {@code ipp-v3-java-devkit}
 * talks to it unchanged, configured only through its {@code Config} (base URL and proxy, see {@link #SDK_BASE_URL}).
 *
 * <pre>{@code
 * try (QboSimulator qbo = QboSimulator.start(QboSimulatorOptions.defaults())) {
 *     qbo.registerApp("matterhub", "s3cret");
 *     QboDemoSeed seed = qbo.seedDemoRealm();
 *     String token = qbo.issueToken("matterhub", seed.realmId());   // or the OAuth code flow
 *     Config.setProperty(Config.BASE_URL_QBO, QboSimulator.SDK_BASE_URL);      // devkit drops ports:
 *     Config.setProperty(Config.PROXY_HOST, "127.0.0.1");                      // reach the simulator
 *     Config.setProperty(Config.PROXY_PORT, Integer.toString(qbo.port()));     // as the HTTP proxy
 * }
 * }</pre>
 */
public final class QboSimulator extends VendorSimulator<QboSimulatorOptions> {

    /**
     * Base URL for the devkit when it reaches the simulator as its HTTP proxy ({@code proxy.host}/{@code proxy.port}):
     * the devkit ignores the port of {@code baseURL.qbo}, so a loopback port cannot be put there. The host is never
     * resolved ({@code .invalid} is reserved), so a missing proxy setting fails instead of reaching Intuit.
     */
    public static final String SDK_BASE_URL = "http://quickbooks.simulator.invalid/v3/company";

    private final MonotonicClock clock;
    private final FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(60);
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, QboRealm> realms = new ConcurrentHashMap<>();
    private final QboWebhooks webhooks;
    private final QboOAuth oauth;
    private final QboApi api;
    private final FaultAnswers faultAnswers = FaultAnswers.of(
            (ex, status) -> QboApi.send(ex, status,
                    QboFault.system(status, "Simulated server error").body(clock().now())),
            (ex, retryAfter) -> QboApi.send(ex, 429, QboFault.throttled("Simulated throttling").body(clock().now())));
    private volatile int maxConcurrent;

    private QboSimulator(QboSimulatorOptions options) {
        super("qbo-sim", new MonotonicClock(), options);
        this.clock = kit.clock();
        this.maxConcurrent = options.maxConcurrent();
        this.limiter.setLimit(options.requestsPerMinute());
        WebhookSender sender = kit.closeWith(new WebhookSender("qbo-sim", options.webhookMaxAttempts(),
                options.webhookInitialBackoff(), Duration.ofSeconds(3)));
        this.webhooks = new QboWebhooks(sender);
        this.oauth = new QboOAuth(clock, options.accessTokenTtl());
        use(oauth.server(), faultAnswers, options.timeoutFaultHold());
        this.api = new QboApi(clock, options, this::baseUrl);
        QboControl.register(kit.control(), this);
        kit.start(options.port(), this::handle);
    }

    public static QboSimulator start(QboSimulatorOptions options) {
        return new QboSimulator(options);
    }

    /** The value for the devkit's {@code Config.BASE_URL_QBO}: {@code baseUrl() + "/v3/company"}. */
    public String apiBaseUrl() {
        return baseUrl() + "/v3/company";
    }


    /** Creates an empty company (realm), or returns the existing one. */
    public QboRealm createRealm(String realmId) {
        QboRealm realm = realms.computeIfAbsent(realmId, id -> new QboRealm(id, clock, webhooks::onChange));
        oauth.defaultRealm(realmId);
        return realm;
    }

    public QboRealm realm(String realmId) {
        QboRealm r = realms.get(realmId);
        if (r == null) {
            throw new IllegalArgumentException("no realm " + realmId);
        }
        return r;
    }

    /** An access token for {@code realmId} without the browser step (the app must be registered). */
    public String issueToken(String clientId, String realmId) {
        return oauth.issue(clientId, realmId).accessToken();
    }

    /** Access token and refresh token, as the token endpoint would return them. */
    public List<String> issueTokens(String clientId, String realmId) {
        OAuthServer.Issued g = oauth.issue(clientId, realmId);
        return List.of(g.accessToken(), g.refreshToken());
    }

    private MonotonicClock clock() {
        return clock;
    }

    public QboWebhooks webhooks() {
        return webhooks;
    }

    /** Requests per minute per realm (0 = unlimited) and concurrent requests per realm (0 = unlimited). */
    public void setLimits(int perMinute, int concurrent) {
        limiter.setLimit(perMinute);
        this.maxConcurrent = concurrent;
    }

    /** Seeds the deterministic demo company (see {@link QboDemoRealm}). */
    public QboDemoSeed seedDemoRealm() {
        return QboDemoRealm.seed(createRealm(QboDemoRealm.REALM_ID));
    }

    // ------------------------------------------------------------------ pipeline

    private void handle(SimExchange ex) throws InterruptedException {
        String path = ex.path();
        ex.responseHeader("intuit_tid", UUID.randomUUID().toString());
        if (path.equals(QboOAuth.DISCOVERY) && "GET".equals(ex.method())) {
            ex.sendJson(200, oauth.discovery(baseUrl()));
            return;
        }
        boolean isOAuth = oauth.server().handles(path);
        if (!isOAuth && !path.startsWith(QboApi.PREFIX)) {
            QboApi.send(ex, 404, QboFault.validation("500", "Unsupported Operation", "No route " + path).body(clock.now()));
            return;
        }
        if (isOAuth) {
            if (applyFaults(ex)) {
                oauth.server().handle(ex);
            }
            return;
        }
        String[] segs = path.substring(QboApi.PREFIX.length()).split("/");
        AtomicInteger counter = null;
        try {
            if (segs.length < 2 || segs[0].isEmpty()) {
                throw QboFault.validation("500", "Unsupported Operation", "No route " + path);
            }
            String realmId = segs[0];
            String grantedRealm = oauth.authenticate(ex.header("Authorization"));
            QboRealm realm = realms.get(realmId);
            if (realm == null || !grantedRealm.equals(realmId)) {
                throw QboFault.authorization("The token does not grant access to company " + realmId);
            }
            FixedWindowRateLimiter.Verdict v = limiter.acquire(realmId, clock.now());
            if (!v.allowed()) {
                throw QboFault.throttled("Request limit of " + v.limit() + " per minute for this company exceeded");
            }
            counter = inFlight.computeIfAbsent(realmId, k -> new AtomicInteger());
            int now = counter.incrementAndGet();
            int max = maxConcurrent;
            if (max > 0 && now > max) {
                throw QboFault.throttled("More than " + max + " concurrent requests for this company");
            }
            if (!applyFaults(ex)) {
                return;
            }
            String[] rest = java.util.Arrays.copyOfRange(segs, 1, segs.length);
            api.handle(ex, realm, rest);
        } catch (QboFault f) {
            if (!ex.finished()) {
                QboApi.send(ex, f, clock.now());
            }
        } finally {
            if (counter != null) {
                counter.decrementAndGet();
            }
        }
    }
}
