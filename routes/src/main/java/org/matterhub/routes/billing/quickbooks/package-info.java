/**
 * QuickBooks Online's billing adapters: the sync (query-page backfill, then change data capture), balances for
 * reconciliation, invoice PDFs and pay-now links, payment postings, webhooks and the connect flow. Each implements one
 * port of {@link org.matterhub.routes.billing}; records are translated by
 * {@link org.matterhub.mappings.quickbooks.QuickBooksBillingMapper}.
 */
package org.matterhub.routes.billing.quickbooks;
