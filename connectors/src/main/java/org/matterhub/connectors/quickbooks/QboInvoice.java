package org.matterhub.connectors.quickbooks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A QBO {@code Invoice}. Amounts are in {@code currency}.
 *
 * @param id           {@code Id}
 * @param syncToken    {@code SyncToken}, needed to void or update
 * @param docNumber    {@code DocNumber}
 * @param customerId   {@code CustomerRef.value} (a client or a matter sub-customer)
 * @param customerName {@code CustomerRef.name}
 * @param classId      {@code ClassRef.value}, or null
 * @param customFields {@code CustomField[]} by name (string, number or boolean value as text)
 * @param privateNote  {@code PrivateNote} (internal memo), or null
 * @param customerMemo {@code CustomerMemo.value} (printed on the invoice), or null
 * @param currency     {@code CurrencyRef.value}
 * @param totalAmt     {@code TotalAmt}
 * @param balance      {@code Balance} still due
 * @param txnDate      {@code TxnDate}
 * @param dueDate      {@code DueDate}, or null
 * @param lines        sales lines
 * @param voided       whether the invoice was voided ({@code TxnStatus} or the {@code PrivateNote} QBO writes)
 * @param invoiceLink  {@code InvoiceLink} (customer-facing payment link), only on {@link QboClient#invoice}
 * @param lastUpdated  {@code MetaData.LastUpdatedTime}
 */
public record QboInvoice(String id, String syncToken, String docNumber, String customerId, String customerName,
                         String classId, Map<String, String> customFields, String privateNote, String customerMemo,
                         String currency, BigDecimal totalAmt, BigDecimal balance, LocalDate txnDate,
                         LocalDate dueDate, List<QboLine> lines, boolean voided, String invoiceLink,
                         Instant lastUpdated) {

    public QboInvoice {
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
