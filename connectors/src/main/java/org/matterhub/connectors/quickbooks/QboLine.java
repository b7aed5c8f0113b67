package org.matterhub.connectors.quickbooks;

import java.math.BigDecimal;

/**
 * One sales line of an invoice or credit memo ({@code SubTotalLineDetail} lines are left out).
 *
 * @param description {@code Description}, or null
 * @param qty         {@code SalesItemLineDetail.Qty}, or null
 * @param unitPrice   {@code SalesItemLineDetail.UnitPrice}, or null
 * @param amount      {@code Amount}, in the transaction's currency
 */
public record QboLine(String description, BigDecimal qty, BigDecimal unitPrice, BigDecimal amount) {
}
