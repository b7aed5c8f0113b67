package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.UUID;
import org.matterhub.mappings.billing.BillingFeed;
import org.matterhub.mappings.billing.InvoiceMatterRule;
import org.matterhub.mappings.billing.Money;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.routes.engine.VendorErrorClassifier;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.matterhub.store.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts a payment staff recorded ({@code payment.post} outbox row) to the accounting system, exactly once, through
 * the vendor's {@link PaymentPosting}.
 *
 * <p>The posting's id is the QuickBooks {@code requestid} or the Xero {@code Idempotency-Key} of the one create, and
 * the text {@code matterhub:<posting id>} rides on the payment (QuickBooks PrivateNote, Xero Reference). The create
 * runs inside the transaction that holds the outbox row: when the answer is lost, or the hub dies before the commit,
 * the row is worked again and the vendor answers the retry with the payment it already made, never a second one.
 * When the sync reads a payment back before this handler recorded it, the marker ties it to the posting.
 *
 * <p>The payment's application is recorded from the vendor's answer at once; the invoice's balance, which the
 * accounting system owns, changes when the sync next reads the invoice.
 */
@Component
public class PaymentPostingHandler extends QueueHandler<OutboxEntry> implements QueueDrainer.OutboxHandler {

    public static final String KIND = "payment.post";
    private static final Logger log = LoggerFactory.getLogger(PaymentPostingHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BillingConnections connections;
    private final VendorRegistry vendors;
    private final BillingRepository billing;
    private final BillingApplier applier;
    private final AuditLog audit;

    public PaymentPostingHandler(BillingConnections connections, VendorRegistry vendors, BillingRepository billing,
                                 BillingApplier applier, AuditLog audit) {
        super(KIND, new VendorErrorClassifier(vendors));
        this.connections = connections;
        this.vendors = vendors;
        this.billing = billing;
        this.applier = applier;
        this.audit = audit;
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        UUID postingId = UUID.fromString(JSON.readTree(entry.payload()).path("postingId").asText());
        BillingRepository.Posting posting = billing.posting(postingId)
                .orElseThrow(() -> new IllegalStateException("No payment posting " + postingId));
        if ("posted".equals(posting.status())) {
            return;
        }
        BillingRepository.InvoiceRef invoice = billing.invoice(posting.invoiceId())
                .orElseThrow(() -> new IllegalStateException("No invoice " + posting.invoiceId()));
        UUID firm = TenantContext.current().orElseThrow().firmId();
        BillingConnections.Accounting a = connections.load(firm, posting.connectionId());
        BigDecimal amount = Money.ofMinor(posting.amountMinor(), posting.currency()).amount();
        String marker = BillingApplier.postingMarker(postingId);
        String note = posting.note() == null || posting.note().isBlank() ? marker : marker + " " + posting.note();
        PaymentPosting vendor = vendors.adapter(a.vendor(), PaymentPosting.class);
        PaymentPosting.Posted posted = vendor.post(a, new PaymentPosting.Order(postingId.toString(),
                invoice.externalId(), invoice.customerExternalId(), amount, posting.currency(), posting.receivedOn(), note));
        BillingFeed feed = new BillingFeed();
        feed.payments.addAll(posted.applications());
        String externalId = posted.externalId();
        InvoiceMatterRule rule = vendors.adapter(a.vendor(), BillingSync.class).defaultMatterRule();
        applier.apply(applier.context(posting.connectionId(), a.vendor(), a.settings(), rule), feed);
        billing.markPosted(postingId, externalId);
        audit.record("payment.posted", "payment_posting", postingId.toString(),
                java.util.Map.of("vendor", a.vendor(), "payment", externalId));
        log.info("Payment posting {} recorded in {} as payment {}", postingId, a.vendor(), externalId);
    }
}
