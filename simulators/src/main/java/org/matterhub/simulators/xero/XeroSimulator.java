package org.matterhub.simulators.xero;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.common.RequestRecorder;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.SimHttpServer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
public final class XeroSimulator implements AutoCloseable {

    /** Accounting API path prefix ({@code https://api.xero.com/api.xro/2.0}). */
    public static final String ACCOUNTING_PREFIX = "/api.xro/2.0";
    /** Token endpoint ({@code https://identity.xero.com/connect/token}). */
    public static final String TOKEN_PATH = "/connect/token";
    /** Authorize endpoint ({@code https://login.xero.com/identity/connect/authorize}). */
    public static final String AUTHORIZE_PATH = "/identity/connect/authorize";
    /** Tenant discovery ({@code https://api.xero.com/connections}). */
    public static final String CONNECTIONS_PATH = "/connections";
    static final String CONTROL_PREFIX = "/_control";
    static final String ONLINE_PREFIX = "/in.xero.com/";
    private static final DateTimeFormatter CONNECTION_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");

    private final XeroSimulatorOptions options;
    private final MonotonicClock clock;
    private final RequestRecorder recorder = new RequestRecorder();
    private final FaultInjector faults = new FaultInjector();
    private final XeroRateLimits limits;
    private final XeroSimulatorData data;
    private final XeroWebhooks webhooks;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<String, Grant> grantsByCode = new ConcurrentHashMap<>();
    private final Map<String, Grant> grantsByRefresh = new ConcurrentHashMap<>();
    private final Map<String, Instant> rotatedRefresh = new ConcurrentHashMap<>();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Idempotent> idempotency = new ConcurrentHashMap<>();
    private final ThreadLocal<Runnable> heldSlot = new ThreadLocal<>();
    private final Instant connectedAt;
    private final UUID connectionId;
    private final UUID authEventId;
    private final SimHttpServer server;

    private XeroSimulator(XeroSimulatorOptions options, java.time.Clock wallClock) {
        this.options = options;
        this.clock = new MonotonicClock(wallClock);
        this.limits = new XeroRateLimits(options.perMinute(), options.perDay(), options.concurrent(), options.appPerMinute());
        UUID tenant = UUID.nameUUIDFromBytes("matterhub-demo-xero-tenant".getBytes(StandardCharsets.UTF_8));
        this.data = new XeroSimulatorData(clock, tenant, "Matterhub Demo Law LLP");
        this.webhooks = new XeroWebhooks("xero-sim-webhook-key");
        this.connectedAt = clock.now();
        this.connectionId = UUID.nameUUIDFromBytes(("connection/" + tenant).getBytes(StandardCharsets.UTF_8));
        this.authEventId = UUID.nameUUIDFromBytes(("auth-event/" + tenant).getBytes(StandardCharsets.UTF_8));
        this.server = SimHttpServer.start(options.port(), "xero-sim", this::handle, recorder,
                p -> !p.startsWith(CONTROL_PREFIX), clock);
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

    /** {@code http://127.0.0.1:PORT}: identity base path (token, connections). */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Base path for the SDK's accounting {@code ApiClient} ({@code baseUrl() + "/api.xro/2.0"}). */
    public String accountingBasePath() {
        return baseUrl() + ACCOUNTING_PREFIX;
    }

    public XeroSimulatorOptions options() {
        return options;
    }

    public XeroSimulatorData data() {
        return data;
    }

    public FaultInjector faults() {
        return faults;
    }

    public XeroWebhooks webhooks() {
        return webhooks;
    }

    public UUID tenantId() {
        return data.tenantId();
    }

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

    /** Replaces the limits (0 = unlimited) and resets every window. */
    public void setRateLimits(int perMinute, int perDay, int concurrent, int appPerMinute) {
        limits.set(perMinute, perDay, concurrent, appPerMinute);
    }

    public void registerApp(String clientId, String clientSecret) {
        apps.put(clientId, clientSecret);
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
        return issue(new Grant(clientId, null, "openid profile email offline_access accounting.transactions accounting.contacts"))
                .get("access_token").toString();
    }

    /** Expires every access token now (the next call answers 401). */
    public void expireAccessTokens() {
        accessTokens.replaceAll((k, t) -> new Token(t.grant, Instant.EPOCH));
    }

    /** Revokes every grant: access and refresh tokens stop working. */
    public void revokeAllTokens() {
        accessTokens.clear();
        grantsByRefresh.clear();
    }

    @Override
    public void close() {
        closing.countDown();
        server.close();
    }

    // ------------------------------------------------------------------ pipeline

    private void handle(SimExchange ex) throws Exception {
        String path = ex.path();
        if (path.equals(CONTROL_PREFIX) || path.startsWith(CONTROL_PREFIX + "/")) {
            control(ex);
            return;
        }
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
        boolean oauth = path.equals(TOKEN_PATH) || path.equals(AUTHORIZE_PATH);
        if (!accounting && !identity && !oauth) {
            send(ex, 404, XeroApiException.problemBody(404, "NotFound", "No route matches " + path));
            return;
        }
        try {
            if (oauth) {
                if (!applyFaults(ex)) {
                    return;
                }
                if (path.equals(TOKEN_PATH)) {
                    token(ex);
                } else {
                    authorize(ex);
                }
                return;
            }
            Token token = authenticate(ex);
            if (identity) {
                if (!applyFaults(ex)) {
                    return;
                }
                connections(ex);
                return;
            }
            accounting(ex, token);
        } catch (XeroApiException e) {
            if (!ex.finished()) {
                send(ex, e.status(), e.body());
            }
        }
    }

    private void accounting(SimExchange ex, Token token) throws Exception {
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
            if (slot.answer != null && slot.at.plus(options.idempotencyTtl()).isAfter(clock.now())) {
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
     * Sends an answer. An accounting call stops counting as in flight once its answer is ready, before the bytes go
     * out: a client that frees its own slot on reading the answer never finds the simulator's slot still taken.
     */
    private void send(SimExchange ex, int status, Object body) {
        Runnable release = heldSlot.get();
        if (release != null) {
            release.run();
        }
        if (body instanceof Binary b) {
            ex.send(status, b.contentType(), b.bytes());
            return;
        }
        ex.sendJson(status, body);
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
                send(ex, rule.effectiveStatus(), XeroApiException.problemBody(rule.effectiveStatus(),
                        "An error occurred", "Simulated server error (" + rule.effectiveStatus() + ")"));
                return false;
            }
            case TIMEOUT -> {
                // the caller has long given up: a held request does not keep its concurrency slot
                Runnable release = heldSlot.get();
                if (release != null) {
                    release.run();
                }
                ex.recordNow();
                closing.await(options.timeoutFaultHold().toMillis(), TimeUnit.MILLISECONDS);
                ex.drop();
                return false;
            }
            case RATE_LIMITED -> {
                ex.responseHeader("Retry-After", Integer.toString(rule.effectiveRetryAfterSeconds()));
                ex.responseHeader("X-Rate-Limit-Problem", "minute");
                send(ex, 429, XeroApiException.problemBody(429, "Too Many Requests", "You've exceeded the per minute rate limit"));
                return false;
            }
            case MALFORMED_BODY -> ex.malformOnSend();
            case LOST_RESPONSE -> ex.dropOnSend();
            default -> {
                // LATENCY handled above
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ OAuth 2.0 and identity

    private record Grant(String clientId, String redirectUri, String scope) {
    }

    private record Token(Grant grant, Instant expiresAt) {
    }

    private Token authenticate(SimExchange ex) {
        String auth = ex.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw XeroApiException.problem(401, "Unauthorized", "AuthenticationUnsuccessful");
        }
        Token t = accessTokens.get(auth.substring(7).trim());
        if (t == null) {
            throw XeroApiException.problem(401, "Unauthorized", "AuthenticationUnsuccessful");
        }
        if (!t.expiresAt.isAfter(clock.now())) {
            throw XeroApiException.problem(401, "Unauthorized", "TokenExpired: token expired at " + t.expiresAt);
        }
        return t;
    }

    private void authorize(SimExchange ex) {
        String clientId = ex.param("client_id");
        String redirect = ex.param("redirect_uri");
        if (clientId == null || !apps.containsKey(clientId) || redirect == null || !"code".equals(ex.param("response_type"))) {
            ex.sendJson(400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString().replace("-", "");
        grantsByCode.put(code, new Grant(clientId, redirect, ex.param("scope") == null ? "" : ex.param("scope")));
        String state = ex.param("state");
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8))
                + "&scope=" + java.net.URLEncoder.encode(grantsByCode.get(code).scope, StandardCharsets.UTF_8);
        ex.responseHeader("Location", location);
        ex.sendEmpty(302);
    }

    private void token(SimExchange ex) {
        if (!ex.method().equals("POST")) {
            ex.sendJson(405, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, List<String>> form = SimExchange.parseForm(ex.body());
        String clientId = first(form, "client_id");
        String secret = first(form, "client_secret");
        String basic = ex.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            clientId = decoded.substring(0, Math.max(colon, 0));
            secret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (clientId == null || secret == null || !secret.equals(apps.get(clientId))) {
            ex.sendJson(400, Map.of("error", "invalid_client"));
            return;
        }
        String grantType = first(form, "grant_type");
        Grant grant;
        if ("authorization_code".equals(grantType)) {
            grant = grantsByCode.remove(String.valueOf(first(form, "code")));
            if (grant == null || !grant.clientId.equals(clientId)
                    || (grant.redirectUri != null && !grant.redirectUri.equals(first(form, "redirect_uri")))) {
                ex.sendJson(400, Map.of("error", "invalid_grant"));
                return;
            }
        } else if ("refresh_token".equals(grantType)) {
            String rt = String.valueOf(first(form, "refresh_token"));
            grant = grantsByRefresh.get(rt);
            Instant rotated = rotatedRefresh.get(rt);
            if (grant == null || !grant.clientId.equals(clientId)
                    || (rotated != null && !rotated.plus(options.refreshGrace()).isAfter(clock.now()))) {
                ex.sendJson(400, Map.of("error", "invalid_grant"));
                return;
            }
            rotatedRefresh.putIfAbsent(rt, clock.now());
        } else {
            ex.sendJson(400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        ex.responseHeader("Cache-Control", "no-store");
        ex.sendJson(200, issue(grant));
    }

    private Map<String, Object> issue(Grant grant) {
        String access = "sim-at-" + UUID.randomUUID();
        String refresh = "sim-rt-" + UUID.randomUUID().toString().replace("-", "");
        accessTokens.put(access, new Token(grant, clock.now().plus(options.accessTokenTtl())));
        grantsByRefresh.put(refresh, grant);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", access);
        out.put("expires_in", options.accessTokenTtl().toSeconds());
        out.put("token_type", "Bearer");
        out.put("refresh_token", refresh);
        out.put("scope", grant.scope);
        return out;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

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
            ex.sendJson(200, filter != null && !filter.equals(authEventId.toString()) ? List.of() : List.of(c));
        } else if (ex.method().equals("DELETE") && seg.length == 1) {
            ex.sendEmpty(204);
        } else {
            ex.sendJson(405, XeroApiException.problemBody(405, "Method Not Allowed", ex.method() + " " + ex.path()));
        }
    }

    // ------------------------------------------------------------------ control API (loopback; not Xero)

    private void control(SimExchange ex) throws JsonProcessingException {
        if (!ex.fromLoopback()) {
            ex.sendJson(403, Map.of("error", "control API is loopback only"));
            return;
        }
        String[] seg = ControlSupport.segments(ex.path(), CONTROL_PREFIX);
        String first = seg.length == 0 ? "" : seg[0];
        String m = ex.method();
        try {
            switch (first) {
                case "health" -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", baseUrl(),
                        "tenantId", data.tenantId().toString()));
                case "seed" -> {
                    if (seg.length > 1 && seg[1].equals("invoices")) {
                        int count = ControlSupport.intValue(ControlSupport.body(ex), "count", -1);
                        ex.sendJson(200, Map.of("created", seedBulkInvoices(count).size()));
                    } else {
                        ex.sendJson(200, seedDemoOrganisation());
                    }
                }
                case "requests" -> {
                    if (m.equals("DELETE")) {
                        clearRequests();
                        ex.sendEmpty(204);
                    } else {
                        ex.sendJson(200, requests());
                    }
                }
                case "faults" -> {
                    if (m.equals("POST")) {
                        faults.add(ControlSupport.faultRule(ControlSupport.body(ex)));
                        ex.sendJson(201, faults.describe());
                    } else if (m.equals("DELETE")) {
                        faults.clear();
                        ex.sendEmpty(204);
                    } else {
                        ex.sendJson(200, faults.describe());
                    }
                }
                case "rate-limit" -> {
                    if (m.equals("POST")) {
                        Map<String, Object> b = ControlSupport.body(ex);
                        setRateLimits(ControlSupport.intValue(b, "perMinute", options.perMinute()),
                                ControlSupport.intValue(b, "perDay", options.perDay()),
                                ControlSupport.intValue(b, "concurrent", options.concurrent()),
                                ControlSupport.intValue(b, "appPerMinute", options.appPerMinute()));
                    }
                    ex.sendJson(200, limits.describe());
                }
                case "apps" -> {
                    Map<String, Object> b = ControlSupport.body(ex);
                    registerApp(ControlSupport.str(b, "clientId"), ControlSupport.str(b, "clientSecret"));
                    ex.sendJson(201, Map.of("clientId", b.get("clientId")));
                }
                case "tokens" -> {
                    if (seg.length > 1 && seg[1].equals("revoke")) {
                        revokeAllTokens();
                    } else if (seg.length > 1 && seg[1].equals("expire")) {
                        expireAccessTokens();
                    } else if (seg.length > 1 && seg[1].equals("issue")) {
                        ex.sendJson(200, Map.of("access_token", issueAccessToken(ControlSupport.str(ControlSupport.body(ex), "clientId"))));
                        return;
                    }
                    ex.sendEmpty(204);
                }
                case "invoices" -> {
                    if (seg.length == 3 && seg[2].equals("payments")) {
                        UUID id = UUID.fromString(seg[1]);
                        ex.sendJson(200, Map.of("invoiceId", id.toString(), "payments", data.paymentCount(id)));
                    } else if (seg.length == 2) {
                        Map<String, Object> inv = data.invoice(UUID.fromString(seg[1]));
                        if (inv == null) {
                            ex.sendJson(404, Map.of("error", "no such invoice"));
                        } else {
                            ex.sendJson(200, inv);
                        }
                    } else {
                        ex.sendJson(200, data.invoicesRaw().stream().map(XeroSimulatorData::render).toList());
                    }
                }
                case "counts" -> ex.sendJson(200, Map.of("contacts", data.contactsRaw().size(),
                        "invoices", data.invoicesRaw().size(), "payments", data.paymentCount(),
                        "creditNotes", data.creditNotesRaw().size()));
                case "webhooks" -> {
                    if (seg.length > 1 && m.equals("POST")) {
                        java.net.URI url = java.net.URI.create(ControlSupport.str(ControlSupport.body(ex), "url"));
                        if (seg[1].equals("intent")) {
                            ex.sendJson(200, webhooks.intentToReceive(url));
                        } else {
                            ex.sendJson(200, Map.of("status", webhooks.deliverPending(url)));
                        }
                    } else {
                        ex.sendJson(200, Map.of("key", webhooks.webhookKey(), "pending", webhooks.pending()));
                    }
                }
                default -> ex.sendJson(404, Map.of("error", "unknown control endpoint " + ex.path()));
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            ex.sendJson(400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (java.io.IOException | InterruptedException e) {
            ex.sendJson(502, Map.of("error", "webhook delivery failed: " + e));
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
        return options.pageSize();
    }
}
