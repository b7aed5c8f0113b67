package org.matterhub.simulators.xero;

import java.util.List;
import java.util.UUID;

/**
 * Ids of the deterministic demo organisation.
 *
 * @param tenantId         the organisation's tenant id
 * @param contactIds       client contacts, in creation order
 * @param paidInvoiceId    ACCREC, AUTHORISED then fully paid (status PAID)
 * @param partPaidInvoiceId ACCREC, AUTHORISED with one part payment
 * @param overdueInvoiceId ACCREC, AUTHORISED, unpaid, due date in the past
 * @param voidedInvoiceId  ACCREC, VOIDED
 * @param openInvoiceId    ACCREC, AUTHORISED, unpaid, due in the future
 * @param invoiceIds       every seeded invoice
 */
public record XeroDemoSeed(UUID tenantId, List<UUID> contactIds, UUID paidInvoiceId, UUID partPaidInvoiceId,
                           UUID overdueInvoiceId, UUID voidedInvoiceId, UUID openInvoiceId, List<UUID> invoiceIds) {
}
