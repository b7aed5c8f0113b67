package org.matterhub.connectors.xero;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of an invoice or credit note. Amounts are in the document's currency.
 *
 * @param description the line's text
 * @param quantity    quantity (Xero keeps up to 4 decimals)
 * @param unitAmount  price per unit, or null
 * @param lineAmount  the line's amount (quantity × unit amount, less discount)
 * @param accountCode revenue account code, or null
 * @param tracking    tracking categories set on the line (possibly empty)
 */
public record XeroLineItem(String description, BigDecimal quantity, BigDecimal unitAmount, BigDecimal lineAmount,
                           String accountCode, List<XeroTracking> tracking) {

    public XeroLineItem {
        tracking = tracking == null ? List.of() : List.copyOf(tracking);
    }
}
