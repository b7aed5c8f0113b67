package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.FieldSelection;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.WebhookSender;
import org.matterhub.simulators.common.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Clio webhook subscriptions: create/update/delete/activate, the {@code X-Hook-Secret} handshake, and
 * signed delivery of data changes. Implements the rules of the "Webhooks" tag of Clio's OpenAPI document.
 */
final class ClioWebhooks implements ClioSimulatorData.ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ClioWebhooks.class);

    static final Duration DEFAULT_LIFETIME = Duration.ofDays(3);
    static final Duration MAX_LIFETIME = Duration.ofDays(31);
    static final int MAX_FIELDS_LENGTH = 1000;
    /** Webhook models by string identifier, index = Clio's numeric model id - 1. */
    static final List<String> MODELS = List.of("matter", "activity", "bill", "calendar_entry", "communication",
            "contact", "task", "document", "folder", "clio_payments_payment");
    static final List<String> EVENTS = List.of("created", "updated", "deleted", "matter_opened", "matter_pended",
            "matter_closed");
    private static final Set<String> DATA_KEYS = Set.of("url", "model", "events", "fields", "expires_at");

    private final Object lock = new Object();
    private final TreeMap<Long, Hook> hooks = new TreeMap<>();
    private final MonotonicClock clock;
    private final WebhookSender sender;
    /** Webhook models whose records the simulator fires events for, with their schema in Clio's OpenAPI. */
    private static final Map<String, String> RESOURCES = Map.of("matter", "Matter", "contact", "Contact",
            "activity", "Activity");
    private final SecureRandom random = new SecureRandom();
    private long nextId = 900_001;
    private volatile boolean deliveryEnabled = true;

    ClioWebhooks(MonotonicClock clock, WebhookSender sender) {
        this.clock = clock;
        this.sender = sender;
    }

    void setDeliveryEnabled(boolean enabled) {
        this.deliveryEnabled = enabled;
    }

    // ------------------------------------------------------------------ API operations

    /** Creates a pending webhook; the caller starts the handshake once the 201 has been sent. */
    @SuppressWarnings("unchecked")
    Map<String, Object> create(Map<String, Object> body) {
        Map<String, Object> data = dataObject(body);
        for (String required : List.of("url", "model", "fields")) {
            if (data.get(required) == null) {
                throw ClioApiException.unprocessable(required + " can't be blank");
            }
        }
        Instant now = clock.next();
        String model = model(data.get("model"));
        Hook h = new Hook(0, model);
        h.url = url(data.get("url"));
        setFields(h, data.get("fields"));
        h.events = data.containsKey("events") ? events(data.get("events"), model) : defaultEvents(model);
        h.expiresAt = data.get("expires_at") == null ? now.plus(DEFAULT_LIFETIME)
                : expiresAt(data.get("expires_at"), now);
        synchronized (lock) {
            Hook created = new Hook(nextId++, model);
            created.url = h.url;
            created.fields = h.fields;
            created.selection = h.selection;
            created.events = h.events;
            created.expiresAt = h.expiresAt;
            created.status = "pending";
            created.sharedSecret = newSecret();
            created.createdAt = now;
            touch(created, now);
            hooks.put(created.id, created);
            return render(created);
        }
    }

    Map<String, Object> update(long id, String ifMatch, Map<String, Object> body) {
        Map<String, Object> data = dataObject(body);
        Instant now = clock.next();
        synchronized (lock) {
            Hook h = require(id);
            if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals(h.etag)) {
                throw ClioApiException.preconditionFailed();
            }
            if (data.containsKey("model") && !h.model.equals(model(data.get("model")))) {
                throw ClioApiException.unprocessable("model cannot be changed");
            }
            URI url = data.containsKey("url") ? url(data.get("url")) : h.url;
            List<String> events = data.containsKey("events") ? events(data.get("events"), h.model) : h.events;
            Instant expires = data.containsKey("expires_at") ? expiresAt(data.get("expires_at"), now) : h.expiresAt;
            if (data.containsKey("fields")) {
                setFields(h, data.get("fields"));
            }
            if (!url.equals(h.url)) {
                h.url = url;
                h.status = "pending";
                h.sharedSecret = newSecret();
                h.handshakeNeeded = true;
            }
            h.events = events;
            h.expiresAt = expires;
            touch(h, now);
            return render(h);
        }
    }

    /** Confirms the handshake later ("Option 2: Delayed"). */
    Map<String, Object> activate(long id, String secret) {
        synchronized (lock) {
            Hook h = require(id);
            if (secret == null || !secret.equals(h.sharedSecret)) {
                throw new ClioApiException(422, "ValidationError", "X-Hook-Secret does not match the webhook");
            }
            if (!"enabled".equals(h.status)) {
                h.status = "enabled";
                touch(h, clock.next());
            }
            return render(h);
        }
    }

    void delete(long id) {
        synchronized (lock) {
            require(id);
            hooks.remove(id);
        }
    }

    Map<String, Object> find(long id) {
        synchronized (lock) {
            Hook h = hooks.get(id);
            return h == null ? null : render(h);
        }
    }

    List<Map<String, Object>> all() {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            hooks.values().forEach(h -> out.add(render(h)));
            return out;
        }
    }

    /** Posts the handshake if the webhook needs one (after create or a URL change). Asynchronous. */
    void startHandshake(long id) {
        URI url;
        String secret;
        synchronized (lock) {
            Hook h = hooks.get(id);
            if (h == null || !h.handshakeNeeded) {
                return;
            }
            h.handshakeNeeded = false;
            url = h.url;
            secret = h.sharedSecret;
        }
        sender.execute(() -> handshake(id, url, secret));
    }

    private void handshake(long id, URI url, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Map.of("id", id));
        body.put("meta", Map.of("webhook_id", id));
        Optional<HttpResponse<String>> response = sender.post(url, Json.writeBytes(body),
                Map.of("X-Hook-Secret", secret));
        boolean confirmed = response.map(r -> r.statusCode() == 200
                && secret.equals(r.headers().firstValue("X-Hook-Secret").orElse(null))).orElse(false);
        log.debug("webhook {} handshake to {}: {}", id, url, confirmed ? "confirmed" : "not confirmed");
        if (confirmed) {
            synchronized (lock) {
                Hook h = hooks.get(id);
                if (h != null && secret.equals(h.sharedSecret) && "pending".equals(h.status)) {
                    h.status = "enabled";
                    touch(h, clock.next());
                }
            }
        }
    }

    // ------------------------------------------------------------------ delivery

    @Override
    public void changed(String model, List<String> events, Map<String, Object> before, Map<String, Object> after) {
        if (!deliveryEnabled) {
            return;
        }
        Map<String, Object> record = after != null ? after : before;
        long objectId = ((Number) record.get("id")).longValue();
        Set<String> changedKeys = new HashSet<>();
        if (before != null && after != null) {
            for (String k : after.keySet()) {
                if (!Objects.equals(before.get(k), after.get(k))) {
                    changedKeys.add(k);
                }
            }
        }
        Instant now = clock.now();
        synchronized (lock) {
            for (Hook h : hooks.values()) {
                if (!"enabled".equals(h.status) || !h.model.equals(model) || !h.expiresAt.isAfter(now)) {
                    continue;
                }
                for (String event : events) {
                    if (!h.events.contains(event)) {
                        continue;
                    }
                    // "updated" watches the webhook's fields, except for the first update seen for an object
                    if ("updated".equals(event) && h.seen.contains(objectId)
                            && h.selection.fields().keySet().stream().noneMatch(changedKeys::contains)) {
                        continue;
                    }
                    h.seen.add(objectId);
                    enqueue(h, event, new ClioFields.Selection(ClioFields.spec(), RESOURCES.get(model), h.selection)
                            .apply(record));
                }
            }
        }
    }

    private void enqueue(Hook h, String event, Map<String, Object> data) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("event", event);
        meta.put("webhook_id", h.id);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("data", data);
        payload.put("meta", meta);
        byte[] body = Json.writeBytes(payload);
        long id = h.id;
        String secret = h.sharedSecret;
        sender.enqueue("clio-webhook-" + id, new WebhookSender.Delivery(h.url, body,
                WebhookSignature.hexHmacSha256("X-Hook-Signature", secret).headers(body),
                () -> deliveryEnabled && isEnabled(id, secret),
                status -> {
                    if (status == 410) {
                        suspend(id);
                    }
                }));
    }

    private boolean isEnabled(long id, String secret) {
        synchronized (lock) {
            Hook h = hooks.get(id);
            return h != null && "enabled".equals(h.status) && secret.equals(h.sharedSecret);
        }
    }

    private void suspend(long id) {
        synchronized (lock) {
            Hook h = hooks.get(id);
            if (h != null) {
                h.status = "suspended";
                touch(h, clock.next());
            }
        }
    }

    // ------------------------------------------------------------------ validation

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataObject(Map<String, Object> body) {
        Object data = body.get("data");
        if (!(data instanceof Map)) {
            throw ClioApiException.badRequest("Request body must be an object with a \"data\" object");
        }
        Map<String, Object> d = (Map<String, Object>) data;
        for (String k : d.keySet()) {
            if (!DATA_KEYS.contains(k)) {
                throw ClioApiException.unprocessable("Unknown attribute for Webhook: " + k);
            }
        }
        return d;
    }

    private static String model(Object v) {
        if (v instanceof String s && MODELS.contains(s)) {
            return s;
        }
        if (v instanceof Integer n && n >= 1 && n <= MODELS.size()) {
            return MODELS.get(n - 1);
        }
        throw ClioApiException.unprocessable("model must be one of " + MODELS + " or its id 1-10");
    }

    /** Clio requires https; the simulator also allows http to loopback hosts so tests can receive. */
    private static URI url(Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw ClioApiException.unprocessable("url must be a string");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw ClioApiException.unprocessable("url is not a valid URL");
        }
        if (uri.getHost() == null) {
            throw ClioApiException.unprocessable("url is not a valid URL");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return uri;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost())) {
            return uri;
        }
        throw ClioApiException.unprocessable("url must use the https scheme");
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")
                    && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void setFields(Hook h, Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw ClioApiException.unprocessable("fields must be a non-empty string");
        }
        if (s.length() > MAX_FIELDS_LENGTH) {
            throw ClioApiException.unprocessable("fields is longer than " + MAX_FIELDS_LENGTH + " characters");
        }
        FieldSelection sel;
        try {
            sel = FieldSelection.parse(s);
        } catch (IllegalArgumentException e) {
            throw ClioApiException.unprocessable("fields: " + e.getMessage());
        }
        String resource = RESOURCES.get(h.model);
        if (resource != null) {
            List<String> unknown = ClioFields.spec().unknown(resource, sel);
            if (!unknown.isEmpty()) {
                throw ClioApiException.unprocessable("fields: unknown field(s) for " + h.model + ": " + unknown);
            }
        }
        h.fields = s;
        h.selection = sel;
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(Object v, String model) {
        if (!(v instanceof List)) {
            throw ClioApiException.unprocessable("events must be an array");
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<Object>) v) {
            if (!(e instanceof String s) || !EVENTS.contains(s)) {
                throw ClioApiException.unprocessable("events must be drawn from " + EVENTS);
            }
            if (s.startsWith("matter_") && !"matter".equals(model)) {
                throw ClioApiException.unprocessable(s + " is only available for the matter model");
            }
            if ("deleted".equals(s) && "clio_payments_payment".equals(model)) {
                throw ClioApiException.unprocessable("deleted is not available for clio_payments_payment");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw ClioApiException.unprocessable("events can't be empty");
        }
        return List.copyOf(out);
    }

    private static List<String> defaultEvents(String model) {
        if ("matter".equals(model)) {
            return EVENTS;
        }
        if ("clio_payments_payment".equals(model)) {
            return List.of("created", "updated");
        }
        return List.of("created", "updated", "deleted");
    }

    private static Instant expiresAt(Object v, Instant now) {
        if (!(v instanceof String s)) {
            throw ClioApiException.unprocessable("expires_at must be an ISO-8601 timestamp");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw ClioApiException.unprocessable("expires_at must be an ISO-8601 timestamp");
        }
        if (!at.isAfter(now)) {
            throw ClioApiException.unprocessable("expires_at must be in the future");
        }
        if (at.isAfter(now.plus(MAX_LIFETIME))) {
            throw ClioApiException.unprocessable("expires_at must be at most 31 days from now");
        }
        return at;
    }

    // ------------------------------------------------------------------ records

    private Hook require(long id) {
        Hook h = hooks.get(id);
        if (h == null) {
            throw ClioApiException.notFound("Webhook " + id);
        }
        return h;
    }

    private String newSecret() {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void touch(Hook h, Instant now) {
        h.updatedAt = now;
        h.etag = ClioSimulatorData.etag("webhook", h.id, ++h.version, now);
    }

    private static Map<String, Object> render(Hook h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", h.id);
        out.put("etag", h.etag);
        out.put("url", h.url.toString());
        out.put("fields", h.fields);
        out.put("shared_secret", h.sharedSecret);
        out.put("model", h.model);
        out.put("status", h.status);
        out.put("events", h.events);
        out.put("expires_at", MonotonicClock.format(h.expiresAt));
        out.put("created_at", MonotonicClock.format(h.createdAt));
        out.put("updated_at", MonotonicClock.format(h.updatedAt));
        return out;
    }

    private static final class Hook {
        final long id;
        final String model;
        URI url;
        String fields;
        FieldSelection selection;
        List<String> events;
        Instant expiresAt;
        String status;
        String sharedSecret;
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;
        boolean handshakeNeeded = true;
        final Set<Long> seen = new HashSet<>();

        Hook(long id, String model) {
            this.id = id;
            this.model = model;
        }
    }
}
