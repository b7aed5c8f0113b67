package org.matterhub.simulators.xero;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.VendorSimulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Xero Accounting API 2.0 simulator (one organisation), with Xero Identity's OAuth 2.0 token endpoint and
 * {@code /connections}. The official {@code xero-java} SDK works against it unchanged: point an
 * {@code ApiClient} at {@link #accountingBasePath()} for accounting and at {@link #baseUrl()} for identity.
 *
 * <pre>{@code
 * try (XeroSimulator xero = XeroSimulator.start(XeroSimulatorOptions.defaults())) {
 *     xero.registerApp("matterhub", "s3cret");
 *     XeroDemoSeed seed = xero.seedDemoOrganisation();
 *     String token = xero.issueAccessToken("matterhub");     // or the full authorization-code flow
 * }
 * }</pre>
 */
public final class XeroSimulator extends VendorSimulator<XeroSimulatorOptions> {

    /** Accounting API path prefix ({@code https://api.xero.com/api.xro/2.0}). */
    public static final String ACCOUNTING_PREFIX = "/api.xro/2.0";
    /** Token endpoint ({@code https://identity.xero.com/connect/token}). */
    public static final String TOKEN_PATH = "/connect/token";
    /** Authorize endpoint ({@code https://login.xero.com/identity/connect/authorize}). */
    public static final String AUTHORIZE_PATH = "/identity/connect/authorize";
    /** Tenant discovery ({@code https://api.xero.com/connections}). */
    public static final String CONNECTIONS_PATH = "/connections";
    static final String ONLINE_PREFIX = "/in.xero.com/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final DateTimeFormatter CONNECTION_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");

    private final MonotonicClock clock;
    private final XeroOAuth oauth;
    private final XeroRateLimits limits;
    private final XeroSimulatorData data;
    private final XeroWebhooks webhooks;
    private final Map<String, Idempotent> idempotency = new ConcurrentHashMap<>();
    private final ThreadLocal<Runnable> heldSlot = new ThreadLocal<>();
    private volatile java.util.function.Consumer<Answered> answered = a -> { };
    private final Instant connectedAt;
    private final UUID connectionId;
    private final UUID authEventId;
    private final FaultAnswers faultAnswers = new FaultAnswers() {
        @Override
        public void serverError(SimExchange ex, int status) {
            send(ex, status, XeroApiException.problemBody(status, "An error occurred",
                    "Simulated server error (" + status + ")"));
        }

        @Override
        public void rateLimited(SimExchange ex, int retryAfterSeconds) {
            ex.responseHeader("X-Rate-Limit-Problem", "minute");
            send(ex, 429, XeroApiException.problemBody(429, "Too Many Requests",
                    "You've exceeded the per minute rate limit"));
        }

        @Override
        public void beforeHold(SimExchange ex) {
            // the caller has long given up: a held request does not keep its concurrency slot
            Runnable release = heldSlot.get();
            if (release != null) {
                release.run();
            }
        }
    };

    private XeroSimulator(XeroSimulatorOptions options, java.time.Clock wallClock) {
        super("xero-sim", new MonotonicClock(wallClock), options);
        this.clock = kit.clock();
        this.oauth = new XeroOAuth(clock, options);
        use(oauth.server(), faultAnswers, options.timeoutFaultHold());
        this.limits = new XeroRateLimits(options.perMinute(), options.perDay(), options.concurrent(), options.appPerMinute());
        UUID tenant = UUID.nameUUIDFromBytes("matterhub-demo-xero-tenant".getBytes(StandardCharsets.UTF_8));
        this.data = new XeroSimulatorData(clock, tenant, "Matterhub Demo Law LLP");
        this.webhooks = new XeroWebhooks("xero-sim-webhook-key");
        this.connectedAt = clock.now();
        this.connectionId = UUID.nameUUIDFromBytes(("connection/" + tenant).getBytes(StandardCharsets.UTF_8));
        this.authEventId = UUID.nameUUIDFromBytes(("auth-event/" + tenant).getBytes(StandardCharsets.UTF_8));
        XeroControl.register(kit.control(), this);
        kit.start(options.port(), this::handle);
        data.onChange(e -> webhooks.record(baseUrl(), data.tenantId(), (String) e.get("category"),
                (String) e.get("type"), (UUID) e.get("id"), clock.now()));
    }

    public static XeroSimulator start(XeroSimulatorOptions options) {
        return new XeroSimulator(options, java.time.Clock.systemUTC());
    }

    /**
     * A simulator whose limits, token lifetimes and timestamps follow {@code clock} (tests that step time instead
     * of sleeping through a minute or a day window).
     */
    public static XeroSimulator start(XeroSimulatorOptions options, java.time.Clock clock) {
        return new XeroSimulator(options, clock);
    }

    /** Base path for the SDK's accounting {@code ApiClient} ({@code baseUrl() + "/api.xro/2.0"}). */
    public String accountingBasePath() {
        return baseUrl() + ACCOUNTING_PREFIX;
    }

    public XeroSimulatorData data() {
        return data;
    }

    public XeroWebhooks webhooks() {
        return webhooks;
    }

    public UUID tenantId() {
        return data.tenantId();
    }

    /** Replaces the limits (0 = unlimited) and resets every window. */
    public void setRateLimits(int perMinute, int perDay, int concurrent, int appPerMinute) {
        limits.set(perMinute, perDay, concurrent, appPerMinute);
    }

    XeroRateLimits rateLimits() {
        return limits;
    }

    /** Seeds the deterministic demo organisation. Call once per simulator. */
    public XeroDemoSeed seedDemoOrganisation() {
        return XeroDemoOrganisation.seed(data);
    }

    /** Adds {@code count} AUTHORISED ACCREC invoices (after {@link #seedDemoOrganisation()}); for backfill benchmarks. */
    public List<UUID> seedBulkInvoices(int count) {
        return XeroDemoOrganisation.bulkInvoices(data, count);
    }

    /** A grant for a registered app without the browser step; returns its access token. */
    public String issueAccessToken(String clientId) {
        return oauth.issueAccessToken(clientId);
    }




    // ------------------------------------------------------------------ pipeline

    private void handle(SimExchange ex) throws Exception {
        String path = ex.path();
        if (path.startsWith(ONLINE_PREFIX)) {
            Map<String, Object> inv = data.invoiceByOnlineToken(path.substring(ONLINE_PREFIX.length()));
            if (inv == null) {
                ex.sendText(404, "Not found");
            } else {
                ex.send(200, "text/html; charset=utf-8", ("<html><body><h1>Invoice " + inv.get("InvoiceNumber")
                        + "</h1><p>Amount due: " + inv.get("AmountDue") + " " + inv.get("CurrencyCode")
                        + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        boolean accounting = path.startsWith(ACCOUNTING_PREFIX + "/");
        boolean identity = path.equalsIgnoreCase(CONNECTIONS_PATH) || path.toLowerCase().startsWith(CONNECTIONS_PATH + "/");
        boolean isOAuth = oauth.server().handles(path);
        if (!accounting && !identity && !isOAuth) {
            send(ex, 404, XeroApiException.problemBody(404, "NotFound", "No route matches " + path));
            return;
        }
        try {
            if (isOAuth) {
                if (applyFaults(ex)) {
                    oauth.server().handle(ex);
                }
                return;
            }
            oauth.authenticate(ex);
            if (identity) {
                if (!applyFaults(ex)) {
                    return;
                }
                connections(ex);
                return;
            }
            accounting(ex);
        } catch (XeroApiException e) {
            if (!ex.finished()) {
                send(ex, e.status(), e.body());
            }
        }
    }

    private void accounting(SimExchange ex) throws Exception {
        String tenant = ex.header("xero-tenant-id");
        if (tenant == null || !tenant.trim().equalsIgnoreCase(data.tenantId().toString())) {
            throw XeroApiException.problem(403, "Forbidden", "AuthenticationUnsuccessful");
        }
        XeroRateLimits.Verdict v = limits.acquire(data.tenantId().toString(), clock.now());
        ex.responseHeader("X-DayLimit-Remaining", Integer.toString(v.dayRemaining()));
        ex.responseHeader("X-MinLimit-Remaining", Integer.toString(v.minRemaining()));
        ex.responseHeader("X-AppMinLimit-Remaining", Integer.toString(v.appMinRemaining()));
        if (!v.allowed()) {
            ex.responseHeader("Retry-After", Long.toString(v.retryAfterSeconds()));
            ex.responseHeader("X-Rate-Limit-Problem", v.problem());
            send(ex, 429, XeroApiException.problemBody(429, "Too Many Requests",
                    "You've exceeded the per " + v.problem() + " rate limit"));
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                limits.release(data.tenantId().toString());
            }
        };
        heldSlot.set(release);
        try {
            String key = ex.header("Idempotency-Key");
            boolean write = ex.method().equals("PUT") || ex.method().equals("POST");
            if (write && key != null) {
                if (key.length() > 128) {
                    throw XeroApiException.validation(null, "Idempotency-Key must be 128 characters or fewer");
                }
                idempotent(ex, key);
                return;
            }
            if (!applyFaults(ex)) {
                return;
            }
            Answer a = XeroAccountingApi.dispatch(this, ex);
            send(ex, a.status, a.body);
        } catch (XeroApiException e) {
            send(ex, e.status(), e.body());
        } finally {
            heldSlot.remove();
            release.run();
        }
    }

    /**
     * First use of a key runs the request and stores the answer; later uses replay it. Faults are decided before
     * the key's lock is taken, so a request held by a TIMEOUT fault (which applies nothing) never blocks a retry.
     */
    private void idempotent(SimExchange ex, String key) throws Exception {
        if (!applyFaults(ex)) {
            return;
        }
        String scope = ex.method() + " " + ex.path() + " " + key;
        Idempotent slot = idempotency.computeIfAbsent(scope, k -> new Idempotent());
        Answer a;
        synchronized (slot) {
            if (slot.answer != null && slot.at.plus(options().idempotencyTtl()).isAfter(clock.now())) {
                ex.responseHeader("Idempotent-Replayed", "true");
                a = slot.answer;
            } else {
                try {
                    a = XeroAccountingApi.dispatch(this, ex);
                } catch (XeroApiException e) {
                    a = new Answer(e.status(), e.body());
                }
                if (a.status < 500) {
                    slot.answer = a;
                    slot.at = clock.now();
                }
            }
        }
        send(ex, a.status, a.body);
    }

    /** A handler's answer, kept for idempotent replays: a JSON value, or {@link Binary} content. */
    record Answer(int status, Object body) {
    }

    /** A non-JSON answer body (the invoice PDF). */
    record Binary(String contentType, byte[] bytes) {
    }

    private static final class Idempotent {
        private Answer answer;
        private Instant at;
    }

    /**
     * Sends an answer, as XML unless the request accepts JSON ({@link XeroXml}). An accounting call stops counting as
     * in flight once its answer is ready, before the bytes go out: a client that frees its own slot on reading the
     * answer never finds the simulator's slot still taken.
     */
    private void send(SimExchange ex, int status, Object body) {
        Runnable release = heldSlot.get();
        if (release != null) {
            release.run();
        }
        if (body instanceof Binary b) {
            answer(ex, status, b.contentType(), b.bytes());
        } else if (XeroXml.applies(ex, status, body)) {
            answer(ex, status, XeroXml.CONTENT_TYPE, XeroXml.render(status, body));
        } else {
            answer(ex, status, JSON, Json.writeBytes(body));
        }
    }

    private void answer(SimExchange ex, int status, String contentType, byte[] bytes) {
        answered.accept(new Answered(ex.method(), ex.path(), ex.rawQuery(), ex.requestHeaders(), ex.body(), status,
                contentType, bytes));
        ex.send(status, contentType, bytes);
    }

    /**
     * One answer of the accounting API or {@code /connections}, as sent (also when a fault then drops it).
     *
     * @param query raw query string, or null
     */
    public record Answered(String method, String path, String query, Map<String, List<String>> requestHeaders,
                           String requestBody, int status, String contentType, byte[] body) {
    }

    /** Receives every {@link Answered} from now on (tests check them against Xero's documents); null = none. */
    public void onAnswer(java.util.function.Consumer<Answered> listener) {
        this.answered = listener == null ? a -> { } : listener;
    }


    // ------------------------------------------------------------------ OAuth 2.0 and identity

    private void connections(SimExchange ex) {
        String[] seg = ControlSupport.segments(ex.path(), CONNECTIONS_PATH);
        if (ex.method().equals("GET") && seg.length == 0) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", connectionId.toString());
            c.put("authEventId", authEventId.toString());
            c.put("tenantId", data.tenantId().toString());
            c.put("tenantType", "ORGANISATION");
            c.put("tenantName", data.tenantName());
            String when = CONNECTION_DATE.format(LocalDateTime.ofInstant(connectedAt, ZoneOffset.UTC));
            c.put("createdDateUtc", when);
            c.put("updatedDateUtc", when);
            String filter = ex.param("authEventId");
            answer(ex, 200, JSON, Json.writeBytes(filter != null && !filter.equals(authEventId.toString())
                    ? List.of() : List.of(c)));
        } else if (ex.method().equals("DELETE") && seg.length == 1) {
            ex.sendEmpty(204);
        } else {
            answer(ex, 405, JSON, Json.writeBytes(XeroApiException.problemBody(405, "Method Not Allowed",
                    ex.method() + " " + ex.path())));
        }
    }

    /** Parses a request body into an object, or a 400 Xero validation error. */
    static Map<String, Object> jsonBody(SimExchange ex) {
        try {
            return Json.parseObject(ex.body());
        } catch (JsonProcessingException e) {
            throw XeroApiException.problem(400, "BadRequest", "The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    int pageSize() {
        return options().pageSize();
    }

    /** When the organisation was connected (and, for {@code /Organisation}, created). */
    Instant connectedAt() {
        return connectedAt;
    }
}
