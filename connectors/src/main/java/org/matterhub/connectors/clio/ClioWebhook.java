package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A Clio webhook subscription (schema {@code Webhook}). Secret: {@link #toString()} masks
 * {@code shared_secret}.
 *
 * @param fields       fields delivered in each event's {@code data} (and watched for {@code updated})
 * @param sharedSecret HMAC key of {@code X-Hook-Signature}; store it encrypted
 * @param model        e.g. {@code matter}, {@code contact}
 * @param status       {@code pending} (handshake not done), {@code enabled} or {@code suspended}
 * @param expiresAt    at most 31 days ahead; extend with {@link ClioClient#extendWebhook}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioWebhook(
        long id,
        String etag,
        String url,
        String fields,
        @JsonProperty("shared_secret") String sharedSecret,
        String model,
        String status,
        List<String> events,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    public ClioWebhook {
        events = events == null ? List.of() : List.copyOf(events);
    }

    @Override
    public String toString() {
        return "ClioWebhook[id=" + id + ", url=" + url + ", model=" + model + ", events=" + events + ", status="
                + status + ", expiresAt=" + expiresAt + ", sharedSecret=" + (sharedSecret == null ? "null" : "****")
                + "]";
    }
}
