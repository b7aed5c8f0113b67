package org.matterhub.connectors.clio;

import java.time.Instant;
import java.util.List;
import org.matterhub.connectors.kernel.SnakeCaseJson;

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
@SnakeCaseJson
public record ClioWebhook(
        long id,
        String etag,
        String url,
        String fields,
        String sharedSecret,
        String model,
        String status,
        List<String> events,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

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
