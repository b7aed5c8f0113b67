package org.matterhub.simulators.quickbooks;

import java.util.List;
import java.util.Map;

/**
 * Ids created by {@link QboSimulator#seedDemoRealm()}.
 *
 * @param realmId          the demo company
 * @param clientIds        client number (e.g. {@code NORTHWIND}) → Customer Id
 * @param matterIds        matter number (e.g. {@code 00001}) → sub-customer (Job) Id
 * @param paidInvoiceIds   invoices fully paid
 * @param partPaidInvoiceIds invoices with a payment for part of the total
 * @param overdueInvoiceIds unpaid invoices past their DueDate
 * @param voidedInvoiceIds  voided invoices
 */
public record QboDemoSeed(String realmId, Map<String, String> clientIds, Map<String, String> matterIds,
                          List<String> paidInvoiceIds, List<String> partPaidInvoiceIds,
                          List<String> overdueInvoiceIds, List<String> voidedInvoiceIds) {
}
