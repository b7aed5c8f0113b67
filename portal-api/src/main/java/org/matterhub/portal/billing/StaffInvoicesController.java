package org.matterhub.portal.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.matterhub.mappings.billing.Money;
import org.matterhub.mappings.billing.MoneyException;
import org.matterhub.portal.billing.BillingModels.PostingList;
import org.matterhub.portal.billing.BillingModels.PostingView;
import org.matterhub.portal.billing.BillingModels.RecordPaymentRequest;
import org.matterhub.portal.billing.BillingModels.StaffInvoiceList;
import org.matterhub.portal.billing.BillingModels.StaffInvoiceSummary;
import org.matterhub.portal.billing.BillingProblems.Reason;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.model.BillingRepository.InvoiceRef;
import org.matterhub.store.model.BillingRepository.Posting;
import org.matterhub.store.model.InvoiceQueries;
import org.matterhub.store.model.InvoiceQueries.Filter;
import org.matterhub.store.model.InvoiceQueries.View;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The firm's side of billing: every invoice of the firm (including those tied to no matter, with the reason), and
 * the payments staff record as received. A recorded payment is a request to the accounting system: the posting, its
 * outbox row and the audit event commit together, the outbox posts it exactly once (the posting id is the vendor
 * idempotency key), and the invoice's balance changes only when the sync reads the payment back.
 */
@RestController
public class StaffInvoicesController {

    /** Outbox kind of a firm-recorded payment on its way to the accounting system. */
    public static final String PAYMENT_POST = "payment.post";

    private static final String[] STAFF = {"staff", "partner", "firm_admin"};
    private static final Set<String> STATUSES = Set.of("draft", "open", "partially_paid", "paid", "void", "deleted");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenancy tenancy;
    private final InvoiceQueries invoices;
    private final BillingRepository billing;
    private final OutboxRepository outbox;
    private final AuditLog audit;

    public StaffInvoicesController(Tenancy tenancy, InvoiceQueries invoices, BillingRepository billing,
                                   OutboxRepository outbox, AuditLog audit) {
        this.tenancy = tenancy;
        this.invoices = invoices;
        this.billing = billing;
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping("/api/v1/staff/invoices")
    public StaffInvoiceList list(@RequestParam(required = false) String matterId,
                                 @RequestParam(required = false) String clientOrgId,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) Boolean overdue,
                                 @RequestParam(required = false) Boolean unresolved,
                                 @RequestParam(defaultValue = "50") int limit,
                                 @RequestParam(required = false) String cursor, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        if (status != null && !STATUSES.contains(status)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid status",
                    "status must be one of " + String.join(", ", STATUSES.stream().sorted().toList()) + "; got '"
                            + status + "'.");
        }
        Filter filter = new Filter(BillingParams.uuid("matterId", matterId), BillingParams.uuid("clientOrgId", clientOrgId),
                status, overdue, unresolved);
        var after = BillingParams.cursor(cursor);
        BillingParams.limit(limit);
        LocalDate today = InvoicesController.today();
        var page = tenancy.read(p.scope(), () -> invoices.list(View.FIRM, filter, today, after, limit));
        return new StaffInvoiceList(page.items().stream().map(StaffInvoiceSummary::of).toList(), limit,
                page.nextCursor());
    }

    @GetMapping("/api/v1/staff/invoices/{id}/payments")
    public PostingList postings(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        UUID invoiceId = BillingParams.invoiceId(id);
        return tenancy.read(p.scope(), () -> {
            billing.invoice(invoiceId).orElseThrow(() -> ApiProblem.notFound("Invoice " + id));
            return new PostingList(invoiceId, billing.postings(invoiceId).stream().map(StaffInvoicesController::view).toList());
        });
    }

    /**
     * Records a payment received against the invoice, for posting to the accounting system. Refused, storing nothing,
     * when the amount is malformed, more precise than the currency, out of range, negative or zero, in another
     * currency than the invoice, or more than the invoice still owes after the postings already pending (422 or 409
     * with a {@code reason}); or when the invoice is a draft, void, deleted or paid (409).
     */
    @PostMapping("/api/v1/staff/invoices/{id}/payments")
    public ResponseEntity<PostingView> record(@PathVariable String id, @Valid @RequestBody RecordPaymentRequest body,
                                              HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        UUID invoiceId = BillingParams.invoiceId(id);
        LocalDate today = InvoicesController.today();
        if (body.receivedOn().isAfter(today.plusDays(1))) {
            throw BillingProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid payment", "receivedOn "
                    + body.receivedOn() + " is in the future; record a payment once it is received.",
                    Reason.received_in_future);
        }
        try {
            Money.parse(body.amount(), body.currency()).requireNonNegative("A payment");
        } catch (MoneyException e) {
            throw BillingProblems.of(e);
        }
        String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        PostingView posting = tenancy.write(p.scope(), () -> {
            invoices.lockForPosting(invoiceId).orElseThrow(() -> ApiProblem.notFound("Invoice " + id));
            InvoiceRef inv = billing.invoice(invoiceId).orElseThrow(() -> ApiProblem.notFound("Invoice " + id));
            if (!InvoiceQueries.OPEN_STATUSES.contains(inv.status())) {
                throw BillingProblems.problem(HttpStatus.CONFLICT, "Invoice not payable", "The invoice is "
                        + inv.status().replace('_', ' ') + "; a payment can be recorded only against an open or "
                        + "partially paid invoice.", Reason.invoice_not_payable);
            }
            if (inv.connectionId() == null || inv.externalId() == null) {
                throw BillingProblems.problem(HttpStatus.CONFLICT, "Invoice not payable", "The invoice did not come "
                        + "from an accounting system, so there is nowhere to post a payment.",
                        Reason.no_accounting_connection);
            }
            Money amount;
            try {
                amount = PaymentPostingCheck.check(body.amount(), body.currency(), inv.currency(), inv.balanceMinor(),
                        billing.pendingPostingsMinor(invoiceId));
            } catch (MoneyException e) {
                throw BillingProblems.of(e);
            }
            String currency = amount.currency().getCurrencyCode();
            UUID postingId = billing.insertPosting(inv.connectionId(), invoiceId, amount.minorUnits(), currency,
                    body.receivedOn(), body.method().name(), note, p.userId());
            outbox.enqueue(inv.connectionId(), PAYMENT_POST, "payment_posting", postingId,
                    json(Map.of("postingId", postingId.toString())));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("postingId", postingId.toString());
            details.put("amountMinor", amount.minorUnits());
            details.put("currency", currency);
            details.put("method", body.method().name());
            details.put("receivedOn", body.receivedOn().toString());
            audit.record("invoice.payment_recorded", "invoice", invoiceId.toString(), details);
            return view(billing.posting(postingId).orElseThrow());
        });
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(posting);
    }

    private static PostingView view(Posting x) {
        return new PostingView(x.id(), x.invoiceId(), x.amountMinor(), x.currency(), x.receivedOn(), x.method(),
                x.note(), x.recordedBy(), x.status(), x.externalPaymentId(), x.lastError(), x.createdAt(),
                x.postedAt());
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
