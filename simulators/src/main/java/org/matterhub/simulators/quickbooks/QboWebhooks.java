package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.WebhookSender;
import org.matterhub.simulators.common.WebhookSignature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's webhook endpoint (one per app, as configured in Intuit's developer portal): every change in any
 * realm is POSTed, one event per request, in the legacy {@code eventNotifications} format or as a CloudEvents
 * array, signed with {@code intuit-signature} = Base64(HMAC-SHA256(verifier token, raw body)).
 */
public final class QboWebhooks {

    /** Payload format. */
    public enum Format { LEGACY, CLOUDEVENTS }

    /** One attempted delivery: body sent and final status (0 = no answer). */
    public record Sent(String url, byte[] body, String signature, int status) {
    }

    private final WebhookSender sender;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile String url;
    private volatile String verifierToken;
    private volatile Format format = Format.LEGACY;

    QboWebhooks(WebhookSender sender) {
        this.sender = sender;
    }

    /** Points the app's endpoint at {@code url} (null switches webhooks off). */
    public void configure(String url, String verifierToken, Format format) {
        this.url = url;
        this.verifierToken = verifierToken;
        this.format = format;
    }

    public List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    void onChange(QboRealm.Change change) {
        String target = url;
        if (target == null) {
            return;
        }
        send(target, body(List.of(change), format));
    }

    /** Sends one payload announcing {@code changes} (for tests; the portal's "Send test events"). */
    public void send(List<QboRealm.Change> changes) {
        String target = url;
        if (target != null) {
            send(target, body(changes, format));
        }
    }

    private void send(String target, byte[] body) {
        String signature = sign(verifierToken, body);
        sender.enqueue("qbo-app", new WebhookSender.Delivery(URI.create(target), body,
                Map.of("intuit-signature", signature), () -> true,
                status -> sent.add(new Sent(target, body, signature, status))));
    }

    /** Base64(HMAC-SHA256(key = verifier token as UTF-8, message = body)). */
    public static String sign(String verifierToken, byte[] body) {
        return WebhookSignature.base64HmacSha256("intuit-signature", verifierToken).headers(body).get("intuit-signature");
    }

    static byte[] body(List<QboRealm.Change> changes, Format format) {
        if (format == Format.CLOUDEVENTS) {
            ArrayNode events = Json.mapper().createArrayNode();
            for (QboRealm.Change c : changes) {
                ObjectNode e = events.addObject();
                e.put("specversion", "1.0");
                e.put("id", UUID.randomUUID().toString());
                e.put("source", "intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=");
                e.put("type", "qbo." + c.entity().toLowerCase(Locale.ROOT) + "." + cloudOperation(c.operation()) + ".v1");
                e.put("datacontenttype", "application/json");
                e.put("time", QboTime.dateTime(c.at()));
                e.put("intuitentityid", c.id());
                e.put("intuitaccountid", c.realmId());
                e.putObject("data");
            }
            return Json.writeBytes(events);
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode notifications = root.putArray("eventNotifications");
        Map<String, List<QboRealm.Change>> byRealm = new java.util.LinkedHashMap<>();
        changes.forEach(c -> byRealm.computeIfAbsent(c.realmId(), k -> new ArrayList<>()).add(c));
        byRealm.forEach((realm, list) -> {
            ObjectNode n = notifications.addObject();
            n.put("realmId", realm);
            ArrayNode entities = n.putObject("dataChangeEvent").putArray("entities");
            for (QboRealm.Change c : list) {
                entities.addObject().put("name", c.entity()).put("id", c.id()).put("operation", c.operation())
                        .put("lastUpdated", QboTime.dateTime(c.at()));
            }
        });
        return Json.writeBytes(root);
    }

    private static String cloudOperation(String operation) {
        return switch (operation) {
            case "Create" -> "created";
            case "Update" -> "updated";
            case "Delete" -> "deleted";
            case "Void" -> "voided";
            default -> operation.toLowerCase(Locale.ROOT);
        };
    }
}
