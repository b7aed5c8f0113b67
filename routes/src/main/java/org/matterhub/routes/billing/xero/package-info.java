/**
 * Xero's billing adapters: the sync (If-Modified-Since pages of contacts, invoices and payments), balances for
 * reconciliation, invoice PDFs and online invoice links, payment postings, webhooks and the connect flow. Each
 * implements one port of {@link org.matterhub.routes.billing}; records are translated by
 * {@link org.matterhub.mappings.xero.XeroBillingMapper}.
 */
package org.matterhub.routes.billing.xero;
