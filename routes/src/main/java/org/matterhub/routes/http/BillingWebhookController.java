package org.matterhub.routes.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.billing.BillingConnect;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.BillingWebhookInboxHandler;
import org.matterhub.routes.billing.BillingWebhooks;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives the accounting vendors' webhooks ({@code /webhooks/quickbooks}, {@code /webhooks/xero}): the vendor in the
 * path is looked up in the registry (one without {@link BillingWebhooks} has no endpoint here, 404); each vendor's
 * {@link BillingWebhooks} says how its deliveries are signed and read. Both are app-level (one endpoint for every
 * firm): the signature is checked over the raw bytes with the app's secret first — a missing or wrong one is 401 and
 * nothing is stored (QuickBooks: a problem; Xero's intent-to-receive: exactly 401 with an empty body). A signed
 * delivery is split by company or organisation into one inbox row per connection (deduplicated), which makes that
 * connection poll at once ({@link BillingWebhookInboxHandler}); the events carry no data worth trusting beyond "look
 * again". A signed body that cannot be read is parked as a dead letter with its payload on the connection it names,
 * when it names one. Xero's intent-to-receive is a signed delivery with no events, answered 200 with an empty body.
 */
@RestController
public class BillingWebhookController {

    private static final Logger log = LoggerFactory.getLogger(BillingWebhookController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VendorRegistry vendors;
    private final BillingConnections connections;
    private final InboxRepository inbox;
    private final DeadLetterRepository deadLetters;
    private final Tenancy tenancy;

    public BillingWebhookController(VendorRegistry vendors, BillingConnections connections, InboxRepository inbox,
                                    DeadLetterRepository deadLetters, Tenancy tenancy) {
        this.vendors = vendors;
        this.connections = connections;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.tenancy = tenancy;
    }

    @PostMapping("/webhooks/{vendor}")
    public ResponseEntity<Void> receive(@PathVariable String vendor, @RequestHeader HttpHeaders headers,
                                        @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        BillingWebhooks hooks = vendors.find(vendor, BillingWebhooks.class).filter(BillingWebhooks::configured)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "Unknown webhook endpoint",
                        vendors.find(vendor, BillingWebhooks.class).map(h -> h.displayName() + " webhooks are not configured.")
                                .orElse("No webhooks are received here.")));
        String signature = headers.getFirst(hooks.signatureHeader());
        if (signature == null || signature.isBlank() || !hooks.verify(raw, signature)) {
            log.warn("{} webhook with a {} signature refused", hooks.displayName(),
                    signature == null || signature.isBlank() ? "missing" : "bad");
            String detail = hooks.refusalDetail();
            if (detail == null) {
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
            }
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Invalid signature", detail);
        }
        BillingConnect connect = vendors.adapter(vendor, BillingConnect.class);
        Map<String, String> changes;
        try {
            changes = hooks.changesByAccount(raw);
        } catch (BillingWebhooks.UnreadableWebhookException e) {
            park(connect, e.account(), raw, e.getMessage());
            return ResponseEntity.ok().build();
        }
        changes.forEach((account, dedupe) -> deliver(connect, account, dedupe, raw));
        return ResponseEntity.ok().build();
    }

    private Optional<BillingConnections.Handle> target(BillingConnect connect, String account) {
        return account == null ? Optional.empty()
                : connections.byAccount(connect.system().id(), connect::account, account);
    }

    private void deliver(BillingConnect connect, String account, String dedupe, byte[] raw) {
        String vendor = connect.system().id();
        Optional<BillingConnections.Handle> target = target(connect, account);
        if (target.isEmpty()) {
            log.info("{} webhook for account {}, which no connection holds; ignored", connect.displayName(), account);
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

    private void park(BillingConnect connect, String account, byte[] raw, String error) {
        String vendor = connect.system().id();
        Optional<BillingConnections.Handle> target = target(connect, account);
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
}
