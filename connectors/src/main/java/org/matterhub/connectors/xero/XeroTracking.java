package org.matterhub.connectors.xero;

/**
 * A line item's tracking category and chosen option (at most two active categories per organisation), e.g.
 * {@code Matter} / {@code 00001-Northwind}.
 *
 * @param name   the tracking category's name
 * @param option the option chosen on this line
 */
public record XeroTracking(String name, String option) {
}
