package org.matterhub.connectors.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A sales credit note ({@code Type = ACCRECCREDIT}). Amounts are in {@link #currencyCode()}.
 *
 * @param id              {@code CreditNoteID}
 * @param number          {@code CreditNoteNumber}
 * @param reference       free text, or null
 * @param contactId       the credited contact
 * @param contactName     its name
 * @param status          {@code Status}
 * @param currencyCode    ISO 4217 code
 * @param totalTax        tax
 * @param total           total including tax
 * @param remainingCredit not yet allocated to invoices
 * @param date            credit note date
 * @param lineItems       the lines
 * @param updatedDateUtc  last change
 */
public record XeroCreditNote(UUID id, String number, String reference, UUID contactId, String contactName,
                             Status status, String currencyCode, BigDecimal totalTax, BigDecimal total,
                             BigDecimal remainingCredit, LocalDate date, List<XeroLineItem> lineItems,
                             Instant updatedDateUtc) {

    public XeroCreditNote {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }

    /** {@code Status} of a credit note. */
    public enum Status { DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED, UNKNOWN }
}
