package org.matterhub.connectors.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A sales invoice ({@code Type = ACCREC}). Voided and deleted invoices keep existing with that status: they are the
 * tombstones of a modified-since sync. Amounts are in {@link #currencyCode()}.
 *
 * @param id             {@code InvoiceID}
 * @param number         {@code InvoiceNumber}, e.g. {@code INV-0042}
 * @param reference      free text; firms often put the matter number here
 * @param contactId      the billed contact
 * @param contactName    the billed contact's name
 * @param status         {@code Status}
 * @param currencyCode   ISO 4217 code
 * @param subTotal       total before tax
 * @param totalTax       tax
 * @param total          total including tax
 * @param amountDue      still to pay (zero once paid, voided or deleted)
 * @param amountPaid     paid so far
 * @param date           invoice date
 * @param dueDate        due date, or null (drafts)
 * @param lineItems      the lines
 * @param updatedDateUtc last change (a payment changes it too)
 */
public record XeroInvoice(UUID id, String number, String reference, UUID contactId, String contactName, Status status,
                          String currencyCode, BigDecimal subTotal, BigDecimal totalTax, BigDecimal total,
                          BigDecimal amountDue, BigDecimal amountPaid, LocalDate date, LocalDate dueDate,
                          List<XeroLineItem> lineItems, Instant updatedDateUtc) {

    public XeroInvoice {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }

    /** {@code Status} of an invoice; {@code UNKNOWN} for a value this connector does not know. */
    public enum Status { DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED, UNKNOWN }
}
