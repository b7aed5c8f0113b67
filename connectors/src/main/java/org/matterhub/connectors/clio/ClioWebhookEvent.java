package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Objects;

/**
 * One webhook delivery: {@code {"data":{<the subscribed fields>},"meta":{"event":"updated","webhook_id":N}}}.
 *
 * <p>Clio sends no event id, so the inbox deduplicates by {@link #dedupeKey()} =
 * {@code webhook_id:event:data.id:data.etag}. A redelivery of the same notification yields the same key;
 * two different updates of one record differ in etag (Clio changes it on every write), so neither is
 * lost; two notifications with equal keys describe the same state of the record, so dropping one loses
 * nothing. Subscriptions should therefore include {@code etag} in their {@code fields}; without it the key
 * degrades to {@code webhook_id:event:id:} and the periodic poll (the source of truth) catches up.
 *
 * @param data the record's requested fields, as sent
 * @param meta which subscription fired and why
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioWebhookEvent(JsonNode data, Meta meta) {

    /** The delivery's {@code meta}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meta(String event, @JsonProperty("webhook_id") Long webhookId) {
    }

    /**
     * Parses a raw body (verify its signature first).
     *
     * @throws IllegalArgumentException when it is not a Clio webhook payload
     */
    public static ClioWebhookEvent parse(byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        ClioWebhookEvent event;
        try {
            event = ClioJson.MAPPER.readValue(rawBody, ClioWebhookEvent.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Clio webhook payload", e);
        }
        if (event == null || event.data() == null || !event.data().isObject() || event.meta() == null
                || event.meta().event() == null || event.meta().webhookId() == null
                || !event.data().hasNonNull("id")) {
            throw new IllegalArgumentException("Clio webhook payload lacks data.id, meta.event or meta.webhook_id");
        }
        return event;
    }

    /** {@code created}, {@code updated}, {@code deleted}, {@code matter_opened}, … */
    public String event() {
        return meta.event();
    }

    /** The subscription that fired. */
    public long webhookId() {
        return meta.webhookId();
    }

    /** The record's Clio id ({@code data.id}) as text (calendar entries have string ids). */
    public String recordId() {
        return data.path("id").asText();
    }

    /** The record's etag, or null when the subscription did not request it. */
    public String etag() {
        JsonNode etag = data.get("etag");
        return etag == null || etag.isNull() ? null : etag.asText();
    }

    /** Whether this announces a deletion (a tombstone hint). */
    public boolean isDeletion() {
        return "deleted".equals(event());
    }

    /** Inbox deduplication key: {@code webhook_id:event:data.id:data.etag}. */
    public String dedupeKey() {
        String etag = etag();
        return webhookId() + ":" + event() + ":" + recordId() + ":" + (etag == null ? "" : etag);
    }
}
