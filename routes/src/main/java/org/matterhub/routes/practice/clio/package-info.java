/**
 * Clio Manage v4 routes: inbound polling (backfill, incremental, reconciliation), the webhook inbox,
 * outbound contact corrections, webhook subscription renewal, and the firm admin's OAuth connect flow.
 * Wire details live in {@code org.matterhub.connectors.clio}; translation in {@code org.matterhub.mappings.clio}.
 */
package org.matterhub.routes.practice.clio;
