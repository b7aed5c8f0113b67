package org.matterhub.mappings.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One batch of what an accounting system reported, as canonical billing records: each vendor's mapper
 * ({@code mappings.quickbooks}, {@code mappings.xero}) translates its connector's records into these, and the billing
 * flow writes them. Amounts are the vendor's decimals, in the record's currency; they become minor units only through
 * {@link Money}, which refuses a value the currency cannot hold.
 */
public final class BillingFeed {

    /** A QuickBooks customer or sub-customer, or a Xero contact. */
    public record Customer(String externalId, String name, String parentExternalId, boolean active, Instant updatedAt) {
    }

    public record Line(int lineNumber, String description, BigDecimal quantity, BigDecimal unitAmount, BigDecimal amount,
                       BigDecimal tax) {
    }

    /**
     * An invoice.
     *
     * @param status the portal status the vendor's state maps to (draft, open, partially_paid, paid, void, deleted)
     */
    public record Invoice(String externalId, String number, String customerExternalId, String customerName,
                          String className, Map<String, String> customFields, String memo, String reference,
                          Map<String, String> tracking, String vendorStatus, String status, String currency,
                          BigDecimal total, BigDecimal tax, BigDecimal balance, LocalDate issuedOn, LocalDate dueOn,
                          String syncToken, Instant updatedAt, String paymentUrl, List<Line> lines) {
    }

    /** A payment's application to one invoice. */
    public record Payment(String externalId, String invoiceExternalId, BigDecimal amount, String currency,
                          LocalDate receivedOn, String method, String reference, Instant updatedAt, boolean deleted) {
    }

    public final List<Customer> customers = new ArrayList<>();
    public final List<Invoice> invoices = new ArrayList<>();
    public final List<Payment> payments = new ArrayList<>();
    public final List<String> deletedInvoices = new ArrayList<>();
    public final List<String> deletedPayments = new ArrayList<>();
    public final List<String> deletedCustomers = new ArrayList<>();

    public boolean isEmpty() {
        return customers.isEmpty() && invoices.isEmpty() && payments.isEmpty() && deletedInvoices.isEmpty()
                && deletedPayments.isEmpty() && deletedCustomers.isEmpty();
    }

    public int size() {
        return customers.size() + invoices.size() + payments.size() + deletedInvoices.size() + deletedPayments.size()
                + deletedCustomers.size();
    }
}
