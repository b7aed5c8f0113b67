package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.quickbooks.QboEntityChange;
import org.matterhub.connectors.quickbooks.QboMalformedWebhookException;
import org.matterhub.connectors.quickbooks.QboWebhookParser;
import org.matterhub.connectors.quickbooks.QboWebhookVerifier;
import org.matterhub.connectors.xero.XeroEntityEvent;
import org.matterhub.connectors.xero.XeroWebhookParseException;
import org.matterhub.connectors.xero.XeroWebhookParser;
import org.matterhub.connectors.xero.XeroWebhookVerifier;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives QuickBooks and Xero webhooks. Both are app-level (one endpoint for every firm): the signature is checked
 * over the raw bytes with the app's secret first — a missing or wrong one is 401 and nothing is stored. A signed
 * delivery is split by company or organisation into one inbox row per connection (deduplicated), which makes that
 * connection poll at once ({@link BillingWebhookInboxHandler}); the events carry no data worth trusting beyond "look
 * again". A signed body that cannot be read is parked as a dead letter with its payload on the connection it names,
 * when it names one.
 *
 * <ul>
 *   <li>QuickBooks: {@code intuit-signature}, base64 HMAC-SHA256 with the app's verifier token, legacy and
 *       CloudEvents payloads (VENDORS.md §4.5).</li>
 *   <li>Xero: {@code x-xero-signature}, base64 HMAC-SHA256 with the webhook key; intent-to-receive is a signed
 *       delivery with no events, answered 200 with an empty body (VENDORS.md §5.5).</li>
 * </ul>
 */
@RestController
public class BillingWebhookController {

    private static final Logger log = LoggerFactory.getLogger(BillingWebhookController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BillingProperties properties;
    private final BillingConnections connections;
    private final InboxRepository inbox;
    private final DeadLetterRepository deadLetters;
    private final Tenancy tenancy;
    private final QboWebhookParser qboParser = new QboWebhookParser();
    private final XeroWebhookParser xeroParser = new XeroWebhookParser();

    public BillingWebhookController(BillingProperties properties, BillingConnections connections, InboxRepository inbox,
                                    DeadLetterRepository deadLetters, Tenancy tenancy) {
        this.properties = properties;
        this.connections = connections;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.tenancy = tenancy;
    }

    @PostMapping("/webhooks/quickbooks")
    public ResponseEntity<Void> quickbooks(@RequestHeader(name = QboWebhookVerifier.SIGNATURE_HEADER, required = false) String signature,
                                           @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        String token = properties.quickbooks().webhookToken();
        if (token == null || token.isBlank()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown webhook endpoint", "QuickBooks webhooks are not configured.");
        }
        if (signature == null || signature.isBlank() || !new QboWebhookVerifier(token).verify(raw, signature)) {
            log.warn("QuickBooks webhook with a {} signature refused", signature == null || signature.isBlank() ? "missing" : "bad");
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Invalid signature", "intuit-signature does not match the body.");
        }
        List<QboEntityChange> changes;
        try {
            changes = qboParser.parse(raw);
        } catch (QboMalformedWebhookException e) {
            park(BillingConnections.QUICKBOOKS, realmOf(raw), raw, e.getMessage());
            return ResponseEntity.ok().build();
        }
        Map<String, List<QboEntityChange>> byRealm = new LinkedHashMap<>();
        changes.forEach(c -> byRealm.computeIfAbsent(c.realmId(), k -> new java.util.ArrayList<>()).add(c));
        byRealm.forEach((realm, list) -> {
            StringBuilder key = new StringBuilder();
            list.forEach(c -> key.append(c.entity()).append(':').append(c.id()).append(':').append(c.operation())
                    .append(':').append(c.lastUpdated()).append(';'));
            deliver(BillingConnections.QUICKBOOKS, realm, key.toString(), raw);
        });
        return ResponseEntity.ok().build();
    }

    @PostMapping("/webhooks/xero")
    public ResponseEntity<Void> xero(@RequestHeader(name = "x-xero-signature", required = false) String signature,
                                     @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        String key = properties.xero().webhookKey();
        if (key == null || key.isBlank()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown webhook endpoint", "Xero webhooks are not configured.");
        }
        if (signature == null || signature.isBlank() || !new XeroWebhookVerifier(key).verify(raw, signature)) {
            // Xero's intent-to-receive expects exactly 401 with an empty body here.
            log.warn("Xero webhook with a {} signature refused", signature == null || signature.isBlank() ? "missing" : "bad");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        List<XeroEntityEvent> events;
        try {
            events = xeroParser.parse(raw);
        } catch (XeroWebhookParseException e) {
            park(BillingConnections.XERO, tenantOf(raw), raw, e.getMessage());
            return ResponseEntity.ok().build();
        }
        Map<UUID, StringBuilder> byTenant = new LinkedHashMap<>();
        events.forEach(e -> byTenant.computeIfAbsent(e.tenantId(), k -> new StringBuilder()).append(e.category())
                .append(':').append(e.resourceId()).append(':').append(e.eventType()).append(':')
                .append(e.eventDateUtc()).append(';'));
        byTenant.forEach((tenant, dedupe) -> deliver(BillingConnections.XERO, tenant.toString(), dedupe.toString(), raw));
        return ResponseEntity.ok().build();
    }

    private void deliver(String vendor, String account, String dedupe, byte[] raw) {
        Optional<BillingConnections.Handle> target = connections.byAccount(vendor, account);
        if (target.isEmpty()) {
            log.info("{} webhook for {} {}, which no connection holds; ignored", vendor,
                    BillingConnections.QUICKBOOKS.equals(vendor) ? "company" : "organisation", account);
            return;
        }
        BillingConnections.Handle h = target.get();
        String eventId = vendor + ":" + UUID.nameUUIDFromBytes(dedupe.getBytes(StandardCharsets.UTF_8));
        ObjectNode payload = JSON.createObjectNode().put("account", account).put("body", new String(raw, StandardCharsets.UTF_8));
        boolean fresh = tenancy.write(TenantScope.system(h.firmId()),
                () -> inbox.insertIfAbsent(h.connectionId(), vendor, eventId, payload.toString()));
        if (!fresh) {
            log.debug("{} webhook delivery {} seen before; ignored", vendor, eventId);
        }
    }

    private void park(String vendor, String account, byte[] raw, String error) {
        Optional<BillingConnections.Handle> target = account == null ? Optional.empty() : connections.byAccount(vendor, account);
        if (target.isEmpty()) {
            log.warn("{} webhook signed correctly but unreadable and naming no known connection ({} bytes): {}", vendor,
                    raw.length, error);
            return;
        }
        BillingConnections.Handle h = target.get();
        tenancy.writeVoid(TenantScope.system(h.firmId()), () -> deadLetters.add(h.connectionId(), "inbox", null,
                new String(raw, StandardCharsets.UTF_8), vendor + " webhook unreadable: " + error, "PERMANENT", 1));
        log.warn("{} webhook for connection {} unreadable; parked as a dead letter: {}", vendor, h.connectionId(), error);
    }

    /** The first realm id a damaged QuickBooks body still names, if any. */
    static String realmOf(byte[] raw) {
        return firstValue(raw, "realmId", "intuitaccountid");
    }

    static String tenantOf(byte[] raw) {
        return firstValue(raw, "tenantId");
    }

    private static String firstValue(byte[] raw, String... fields) {
        String text = new String(raw, StandardCharsets.UTF_8);
        for (String f : fields) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + f + "\"\\s*:\\s*\"([^\"]{1,64})\"").matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
