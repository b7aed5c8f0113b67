package org.matterhub.portal.billing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.matterhub.portal.billing.BillingModels.AgeingView;
import org.matterhub.portal.billing.BillingModels.Balances;
import org.matterhub.portal.billing.BillingModels.InvoiceList;
import org.matterhub.portal.billing.BillingModels.InvoiceSummary;
import org.matterhub.portal.billing.BillingModels.InvoiceView;
import org.matterhub.portal.billing.BillingModels.LineView;
import org.matterhub.portal.billing.BillingModels.MatterBalanceView;
import org.matterhub.portal.billing.BillingModels.OrgBalanceView;
import org.matterhub.portal.billing.BillingModels.PaymentLinkView;
import org.matterhub.portal.billing.BillingModels.PaymentList;
import org.matterhub.portal.billing.BillingModels.PaymentView;
import org.matterhub.portal.billing.BillingProblems.Reason;
import org.matterhub.portal.billing.InvoicePdfSource.InvoicePdf;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.model.BillingRepository.InvoiceRef;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.InvoiceQueries;
import org.matterhub.store.model.InvoiceQueries.Cursor;
import org.matterhub.store.model.InvoiceQueries.Filter;
import org.matterhub.store.model.InvoiceQueries.InvoiceRow;
import org.matterhub.store.model.InvoiceQueries.View;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices as the caller sees them: the list, one invoice with its lines and payments, its PDF, what is owed per
 * organisation and per matter with ageing, payment history, and the accounting system's payment link. Row-level
 * security decides visibility (V2, V11): a finance user or org admin sees every invoice of their org, a member only
 * invoices of matters granted with the {@code invoices} scope, nobody a draft or deleted invoice. An invoice the caller
 * may not see answers 404 exactly like one that does not exist. Reading an invoice's content (detail, PDF) and asking
 * for its payment link are audited.
 */
@RestController
public class InvoicesController {

    private static final Logger log = LoggerFactory.getLogger(InvoicesController.class);
    private static final Set<String> PORTAL_STATUSES = Set.of("open", "partially_paid", "paid", "void");
    private static final Set<String> ONLINE_PAYMENT_VENDORS = Set.of("quickbooks", "xero");

    private final Tenancy tenancy;
    private final InvoiceQueries invoices;
    private final BillingRepository billing;
    private final ConnectionRepository connections;
    private final AuditLog audit;
    private final ObjectProvider<InvoicePdfSource> pdfSource;
    private final ObjectProvider<PaymentLinks> paymentLinks;

    public InvoicesController(Tenancy tenancy, InvoiceQueries invoices, BillingRepository billing,
                              ConnectionRepository connections, AuditLog audit, ObjectProvider<InvoicePdfSource> pdfSource,
                              ObjectProvider<PaymentLinks> paymentLinks) {
        this.tenancy = tenancy;
        this.invoices = invoices;
        this.billing = billing;
        this.connections = connections;
        this.audit = audit;
        this.pdfSource = pdfSource;
        this.paymentLinks = paymentLinks;
    }

    @GetMapping("/api/v1/invoices")
    public InvoiceList list(@RequestParam(required = false) String matterId, @RequestParam(required = false) String status,
                            @RequestParam(required = false) Boolean overdue, @RequestParam(defaultValue = "50") int limit,
                            @RequestParam(required = false) String cursor, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        if (status != null && !PORTAL_STATUSES.contains(status)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid status",
                    "status must be one of open, partially_paid, paid, void; got '" + status + "'.");
        }
        Filter filter = new Filter(BillingParams.uuid("matterId", matterId), null, status, overdue, null);
        Cursor after = BillingParams.cursor(cursor);
        BillingParams.limit(limit);
        LocalDate today = today();
        var page = tenancy.read(p.scope(), () -> invoices.list(View.PORTAL, filter, today, after, limit));
        return new InvoiceList(page.items().stream().map(InvoiceSummary::of).toList(), limit, page.nextCursor());
    }

    @GetMapping("/api/v1/invoices/{id}")
    public InvoiceView get(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID invoiceId = BillingParams.invoiceId(id);
        LocalDate today = today();
        return tenancy.write(p.scope(), () -> {
            InvoiceRow r = visible(invoiceId, id, today);
            List<LineView> lines = invoices.lines(invoiceId).stream().map(l -> new LineView(l.lineNumber(),
                    l.description(), l.quantity() == null ? null : l.quantity().stripTrailingZeros().toPlainString(),
                    l.unitMinor(), l.amountMinor(), l.taxMinor())).toList();
            List<PaymentView> payments = invoices.payments(invoiceId).stream().map(PaymentView::of).toList();
            audit.record("invoice.viewed", "invoice", invoiceId.toString(), Map.of("status", r.status()));
            return new InvoiceView(r.id(), r.number(), r.status(), r.currency(), r.totalMinor(), r.taxMinor(),
                    r.balanceMinor(), r.issuedOn(), r.dueOn(), r.overdue(), r.daysOverdue(), r.payable(),
                    r.clientOrgId(), r.clientOrgName(), r.matterId(), r.matterDisplayNumber(), r.reference(),
                    r.customerName(), lines, payments);
        });
    }

    /**
     * The accounting system's PDF of the invoice, streamed. Visibility is checked in the caller's scope before the
     * accounting system is asked, and the download is audited (again in the caller's scope) before the first byte is
     * sent; no database transaction is held while the vendor answers or the bytes flow.
     */
    @GetMapping("/api/v1/invoices/{id}/pdf")
    public void pdf(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID invoiceId = BillingParams.invoiceId(id);
        LocalDate today = today();
        record Visible(InvoiceRow row, InvoiceRef ref) {
        }
        Visible v = tenancy.read(p.scope(), () -> new Visible(visible(invoiceId, id, today),
                billing.invoice(invoiceId).orElseThrow(() -> ApiProblem.notFound("Invoice " + id))));
        InvoiceRef ref = v.ref();
        InvoicePdfSource source = BillingProblems.require(pdfSource, "Reading invoice PDFs from the accounting system");
        if (ref.connectionId() == null || ref.externalId() == null) {
            throw pdfMissing();
        }
        Optional<InvoicePdf> opened;
        try {
            opened = source.open(p.firmId(), ref);
        } catch (IOException e) {
            log.warn("The accounting system did not give the PDF of invoice {}: {}", invoiceId, e.toString());
            throw vendorUnavailable();
        }
        try (InvoicePdf pdf = opened.orElseThrow(InvoicesController::pdfMissing)) {
            tenancy.writeVoid(p.scope(), () -> {
                InvoiceRow r = visible(invoiceId, id, today);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("number", r.number() == null ? "" : r.number());
                details.put("bytes", pdf.contentLength());
                audit.record("invoice.pdf_downloaded", "invoice", invoiceId.toString(), details);
            });
            response.setStatus(HttpStatus.OK.value());
            response.setContentType("application/pdf");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(fileName(v.row()), StandardCharsets.UTF_8).build().toString());
            response.setHeader("Cache-Control", "private, no-store");
            if (pdf.contentLength() >= 0) {
                response.setContentLengthLong(pdf.contentLength());
            }
            OutputStream out = response.getOutputStream();
            try (InputStream in = pdf.body()) {
                in.transferTo(out);
            }
            out.flush();
        }
    }

    /** What each organisation and each matter the caller sees invoices of owes, with ageing by days past due. */
    @GetMapping("/api/v1/balances")
    public Balances balances(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        LocalDate today = today();
        return tenancy.read(p.scope(), () -> new Balances(today,
                invoices.orgBalances(today).stream().map(b -> new OrgBalanceView(b.clientOrgId(), b.clientOrgName(),
                        b.currency(), b.balanceMinor(), b.openInvoices(), b.overdueInvoices(), AgeingView.of(b.ageing())))
                        .toList(),
                invoices.matterBalances(today).stream().map(b -> new MatterBalanceView(b.matterId(),
                        b.matterDisplayNumber(), b.clientOrgId(), b.currency(), b.balanceMinor(), b.openInvoices(),
                        b.overdueInvoices(), AgeingView.of(b.ageing()))).toList()));
    }

    /** Payments on the invoices the caller sees, newest first; payments deleted in the accounting system never. */
    @GetMapping("/api/v1/payments")
    public PaymentList payments(@RequestParam(required = false) String invoiceId,
                                @RequestParam(defaultValue = "50") int limit,
                                @RequestParam(required = false) String cursor, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID invoice = BillingParams.uuid("invoiceId", invoiceId);
        Cursor after = BillingParams.cursor(cursor);
        BillingParams.limit(limit);
        var page = tenancy.read(p.scope(), () -> invoices.paymentHistory(invoice, after, limit));
        return new PaymentList(page.items().stream().map(PaymentView::of).toList(), limit, page.nextCursor());
    }

    /**
     * The accounting system's hosted payment page for an invoice that still owes something. The hub never sees card
     * data; the payment comes back through the sync and the balance updates then.
     */
    @PostMapping("/api/v1/invoices/{id}/pay")
    public PaymentLinkView pay(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID invoiceId = BillingParams.invoiceId(id);
        LocalDate today = today();
        InvoiceRow r = tenancy.read(p.scope(), () -> visible(invoiceId, id, today));
        if (!r.payable()) {
            throw BillingProblems.problem(HttpStatus.CONFLICT, "Invoice not payable", "Invoice "
                    + (r.number() == null ? id : r.number()) + " is " + r.status().replace('_', ' ')
                    + " and owes nothing to pay online.", Reason.invoice_not_payable);
        }
        PaymentLinks links = BillingProblems.require(paymentLinks, "Online payment through the accounting system");
        String provider = r.connectionId() == null ? null : tenancy.read(TenantScope.system(p.firmId()),
                () -> connections.find(r.connectionId()).map(ConnectionRecord::vendor).orElse(null));
        if (provider == null || !ONLINE_PAYMENT_VENDORS.contains(provider)) {
            throw noPaymentLink(r);
        }
        String url;
        try {
            url = links.link(p.firmId(), invoiceId).orElseThrow(() -> noPaymentLink(r));
        } catch (UncheckedIOException e) {
            log.warn("The accounting system did not give a payment link for invoice {}: {}", invoiceId, e.toString());
            throw vendorUnavailable();
        }
        tenancy.writeVoid(p.scope(), () -> {
            visible(invoiceId, id, today);
            audit.record("invoice.payment_link_issued", "invoice", invoiceId.toString(), Map.of("provider", provider));
        });
        return new PaymentLinkView(url, provider);
    }

    private InvoiceRow visible(UUID invoiceId, String id, LocalDate today) {
        return invoices.find(View.PORTAL, invoiceId, today).orElseThrow(() -> ApiProblem.notFound("Invoice " + id));
    }

    private static ApiProblem noPaymentLink(InvoiceRow r) {
        return BillingProblems.problem(HttpStatus.CONFLICT, "Online payment unavailable", "The accounting system offers "
                + "no payment page for invoice " + (r.number() == null ? r.id() : r.number())
                + "; pay by the means printed on the invoice.", Reason.no_payment_link);
    }

    private static ApiProblem pdfMissing() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "PDF not available",
                "The accounting system has no PDF of this invoice.");
    }

    private static ApiProblem vendorUnavailable() {
        return new ApiProblem(HttpStatus.BAD_GATEWAY, "Accounting system unavailable",
                "The accounting system did not answer; try again in a few minutes.");
    }

    private static String fileName(InvoiceRow r) {
        String number = r.number() == null || r.number().isBlank() ? r.id().toString() : r.number();
        return ("invoice-" + number + ".pdf").replaceAll("[\\p{Cntrl}/\\\\\"]", "_");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
