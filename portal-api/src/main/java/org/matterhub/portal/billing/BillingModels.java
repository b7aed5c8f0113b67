package org.matterhub.portal.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.matterhub.store.model.InvoiceQueries;

/** Request and response bodies of the billing operations of portal API v1 (see openapi.yaml). Money in minor units. */
public final class BillingModels {

    private BillingModels() {
    }

    /** One invoice as the portal lists it. {@code daysOverdue} is 0 unless {@code overdue}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceSummary(UUID id, String number, String status, String currency, long totalMinor, long taxMinor,
                                 long balanceMinor, LocalDate issuedOn, LocalDate dueOn, boolean overdue,
                                 long daysOverdue, boolean payable, UUID clientOrgId, String clientOrgName,
                                 UUID matterId, String matterDisplayNumber, String reference) {

        static InvoiceSummary of(InvoiceQueries.InvoiceRow r) {
            return new InvoiceSummary(r.id(), r.number(), r.status(), r.currency(), r.totalMinor(), r.taxMinor(),
                    r.balanceMinor(), r.issuedOn(), r.dueOn(), r.overdue(), r.daysOverdue(), r.payable(),
                    r.clientOrgId(), r.clientOrgName(), r.matterId(), r.matterDisplayNumber(), r.reference());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceList(List<InvoiceSummary> items, int limit, String nextCursor) {
    }

    /** One invoice with its lines and its payments (oldest first). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceView(UUID id, String number, String status, String currency, long totalMinor, long taxMinor,
                              long balanceMinor, LocalDate issuedOn, LocalDate dueOn, boolean overdue, long daysOverdue,
                              boolean payable, UUID clientOrgId, String clientOrgName, UUID matterId,
                              String matterDisplayNumber, String reference, String billedTo, List<LineView> lines,
                              List<PaymentView> payments) {
    }

    /** {@code quantity} is a decimal string (e.g. {@code "1.5"}), exact as the accounting system reports it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(Integer lineNumber, String description, String quantity, Long unitMinor, long amountMinor,
                           Long taxMinor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentView(UUID id, UUID invoiceId, String invoiceNumber, long amountMinor, String currency,
                              LocalDate receivedOn, String method, String reference) {

        static PaymentView of(InvoiceQueries.PaymentRow p) {
            return new PaymentView(p.id(), p.invoiceId(), p.invoiceNumber(), p.amountMinor(), p.currency(),
                    p.receivedOn(), p.method(), p.reference());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentList(List<PaymentView> items, int limit, String nextCursor) {
    }

    public record AgeingView(long currentMinor, long days1To30Minor, long days31To60Minor, long days61To90Minor,
                             long over90Minor) {

        static AgeingView of(InvoiceQueries.Ageing a) {
            return new AgeingView(a.currentMinor(), a.days1To30Minor(), a.days31To60Minor(), a.days61To90Minor(),
                    a.over90Minor());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrgBalanceView(UUID clientOrgId, String clientOrgName, String currency, long balanceMinor,
                                 int openInvoices, int overdueInvoices, AgeingView ageing) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MatterBalanceView(UUID matterId, String matterDisplayNumber, UUID clientOrgId, String currency,
                                    long balanceMinor, int openInvoices, int overdueInvoices, AgeingView ageing) {
    }

    /** What is owed as of {@code asOf}, per client organisation and per matter, each per currency. */
    public record Balances(LocalDate asOf, List<OrgBalanceView> organisations, List<MatterBalanceView> matters) {
    }

    /** The accounting system's hosted payment page. */
    public record PaymentLinkView(String url, String provider) {
    }

    public enum PaymentMethod { bank_transfer, cheque, cash, card, other }

    /**
     * A payment staff received (bank transfer, cheque…) against an invoice. {@code amount} is a decimal string in the
     * currency's major unit ({@code "123.45"}); it is never read as floating point.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RecordPaymentRequest(@NotBlank @Size(max = 40) String amount,
                                       @NotBlank @Size(max = 3) String currency,
                                       @NotNull LocalDate receivedOn,
                                       @NotNull PaymentMethod method,
                                       @Size(max = 2000) String note) {
    }

    /** A firm-recorded payment and how far its posting to the accounting system got. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostingView(UUID id, UUID invoiceId, long amountMinor, String currency, LocalDate receivedOn,
                              String method, String note, UUID recordedBy, String status, String externalPaymentId,
                              String lastError, Instant createdAt, Instant postedAt) {
    }

    public record PostingList(UUID invoiceId, List<PostingView> items) {
    }

    /** One invoice as the firm lists it: with why it has no matter, when it has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaffInvoiceSummary(UUID id, String number, String status, String vendorStatus, String currency,
                                      long totalMinor, long taxMinor, long balanceMinor, LocalDate issuedOn,
                                      LocalDate dueOn, boolean overdue, long daysOverdue, UUID clientOrgId,
                                      String clientOrgName, UUID matterId, String matterDisplayNumber,
                                      String matterNumber, String matterResolution, String customerName,
                                      String reference, UUID connectionId, Instant updatedAt) {

        static StaffInvoiceSummary of(InvoiceQueries.InvoiceRow r) {
            return new StaffInvoiceSummary(r.id(), r.number(), r.status(), r.vendorStatus(), r.currency(),
                    r.totalMinor(), r.taxMinor(), r.balanceMinor(), r.issuedOn(), r.dueOn(), r.overdue(),
                    r.daysOverdue(), r.clientOrgId(), r.clientOrgName(), r.matterId(), r.matterDisplayNumber(),
                    r.matterNumber(), r.matterResolution(), r.customerName(), r.reference(), r.connectionId(),
                    r.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaffInvoiceList(List<StaffInvoiceSummary> items, int limit, String nextCursor) {
    }

    /** One line of the latest reconciliation run of a connection. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReconciliationLineView(UUID connectionId, UUID runId, UUID clientOrgId, String customerExternalId,
                                         String currency, long portalBalanceMinor, long vendorBalanceMinor,
                                         long differenceMinor, int invoicesCompared, Object differingInvoices,
                                         boolean matches, Instant ranAt) {
    }
}
