/**
 * The billing capability, vendor-neutral: the sync service and its per-poll page writer, the applier that writes
 * canonical billing records, payment postings through the outbox, reconciliation, invoice PDFs and pay links for the
 * portal. Each accounting vendor implements the ports ({@link org.matterhub.routes.billing.BillingSync},
 * {@link org.matterhub.routes.billing.BillingBalances}, {@link org.matterhub.routes.billing.InvoiceDocuments},
 * {@link org.matterhub.routes.billing.PaymentPosting}, {@link org.matterhub.routes.billing.BillingWebhooks},
 * {@link org.matterhub.routes.billing.BillingConnect}) in its own package ({@code quickbooks}, {@code xero}), found
 * through the {@link org.matterhub.routes.vendor.VendorRegistry}.
 */
package org.matterhub.routes.billing;
