package org.matterhub.connectors.quickbooks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A QBO {@code CreditMemo}. Amounts are in {@code currency}.
 *
 * @param id              {@code Id}
 * @param syncToken       {@code SyncToken}
 * @param docNumber       {@code DocNumber}
 * @param customerId      {@code CustomerRef.value}
 * @param customerName    {@code CustomerRef.name}
 * @param currency        {@code CurrencyRef.value}
 * @param totalAmt        {@code TotalAmt}
 * @param remainingCredit {@code RemainingCredit}, or null
 * @param txnDate         {@code TxnDate}
 * @param privateNote     {@code PrivateNote}, or null
 * @param lines           sales lines
 * @param lastUpdated     {@code MetaData.LastUpdatedTime}
 */
public record QboCreditMemo(String id, String syncToken, String docNumber, String customerId, String customerName,
                            String currency, BigDecimal totalAmt, BigDecimal remainingCredit, LocalDate txnDate,
                            String privateNote, List<QboLine> lines, Instant lastUpdated) {

    public QboCreditMemo {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
