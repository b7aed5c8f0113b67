package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.WebhookSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Xero webhook sender (xero-webhooks.yaml; developer.xero.com/documentation/webhooks): payload
 * {@code {"events":[…],"firstEventSequence","lastEventSequence","entropy"}}, header {@code x-xero-signature} =
 * standard Base64 of HMAC-SHA256(raw body, webhook key). Sends synchronously to a URL the test names.
 */
public final class XeroWebhooks {

    private static final DateTimeFormatter EVENT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private volatile String webhookKey;

    XeroWebhooks(String webhookKey) {
        this.webhookKey = webhookKey;
    }

    /** The app's webhook signing key (developer portal → Webhooks). */
    public String webhookKey() {
        return webhookKey;
    }

    public void setWebhookKey(String key) {
        this.webhookKey = key;
    }

    static final String SIGNATURE_HEADER = "x-xero-signature";

    /** {@code x-xero-signature} for {@code body}. */
    public static String sign(byte[] body, String key) {
        return WebhookSignature.base64HmacSha256(SIGNATURE_HEADER, key).headers(body).get(SIGNATURE_HEADER);
    }

    /** Queues an event (called on every data change). */
    synchronized void record(String baseUrl, UUID tenantId, String category, String type, UUID resourceId, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        String collection = switch (category) {
            case "CONTACT" -> "Contacts";
            case "CREDITNOTE" -> "CreditNotes";
            default -> "Invoices";
        };
        e.put("resourceUrl", baseUrl + "/api.xro/2.0/" + collection + "/" + resourceId);
        e.put("resourceId", resourceId.toString());
        e.put("eventDateUtc", EVENT_DATE.format(at));
        e.put("eventType", type);
        e.put("eventCategory", category);
        e.put("tenantId", tenantId.toString());
        e.put("tenantType", "ORGANISATION");
        pending.add(e);
    }

    /** Events recorded since the last {@link #deliverPending}. */
    public synchronized List<Map<String, Object>> pending() {
        return List.copyOf(pending);
    }

    /** Posts all pending events in one signed payload; returns the receiver's status. Pending is cleared on 2xx. */
    public int deliverPending(URI url) throws IOException, InterruptedException {
        List<Map<String, Object>> events;
        synchronized (this) {
            events = List.copyOf(pending);
        }
        int status = post(url, payload(events), true);
        if (status >= 200 && status < 300) {
            synchronized (this) {
                pending.removeAll(events);
            }
        }
        return status;
    }

    /**
     * Intent to Receive: a correctly signed and an incorrectly signed POST with an empty {@code events} array.
     * Passes only when the first is answered 200 with an empty body and the second 401.
     */
    public IntentResult intentToReceive(URI url) throws IOException, InterruptedException {
        HttpResponse<String> good = send(url, payload(List.of()), true);
        HttpResponse<String> bad = send(url, payload(List.of()), false);
        boolean passed = good.statusCode() == 200 && good.body().isEmpty() && bad.statusCode() == 401;
        return new IntentResult(passed, good.statusCode(), bad.statusCode());
    }

    /** Outcome of {@link #intentToReceive}. */
    public record IntentResult(boolean passed, int signedStatus, int badlySignedStatus) {
    }

    private byte[] payload(List<Map<String, Object>> events) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("events", events);
        long first = events.isEmpty() ? 0 : sequence.get() + 1;
        long last = sequence.addAndGet(events.size());
        p.put("firstEventSequence", events.isEmpty() ? last : first);
        p.put("lastEventSequence", last);
        p.put("entropy", UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT).substring(0, 20));
        return Json.writeBytes(p);
    }

    private int post(URI url, byte[] body, boolean goodSignature) throws IOException, InterruptedException {
        return send(url, body, goodSignature).statusCode();
    }

    private HttpResponse<String> send(URI url, byte[] body, boolean goodSignature) throws IOException, InterruptedException {
        String signature = goodSignature ? sign(body, webhookKey) : sign(body, webhookKey + "-wrong");
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
