/**
 * The portal side of billing (issue 4): the invoices a client may list and read (with lines, payments and the
 * accounting system's PDF), what each organisation and matter owes with ageing, payment history, the accounting
 * system's hosted payment link ("pay now"), the payments firm staff record for posting, and the reconciliation report
 * for ops.
 *
 * <p>Visibility is decided by PostgreSQL row-level security (V2, V11): every read runs in the caller's own scope, and
 * an invoice the caller may not see is absent and answers 404 exactly like one that never existed. The accounting
 * system owns amounts, balances and statuses; nothing here edits them. A firm-recorded payment is a request
 * ({@code payment_posting}) that the outbox delivers once; the balance changes only when the sync reads it back.
 *
 * <p>Two seams are implemented with the accounting routes (which may depend on this module, not the other way round):
 * {@link org.matterhub.portal.billing.InvoicePdfSource} and {@link org.matterhub.portal.billing.PaymentLinks}. Without
 * a bean of either, the endpoint that needs it answers 503.
 */
package org.matterhub.portal.billing;
