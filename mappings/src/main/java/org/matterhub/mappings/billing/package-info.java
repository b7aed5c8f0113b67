/**
 * Billing mappings shared by the QuickBooks Online and Xero routes (issue 4): {@link org.matterhub.mappings.billing.Money}
 * in minor units with an explicit currency, and the checks a firm-recorded payment passes before it is posted.
 * Amounts, taxes and balances are owned by the accounting system; the portal reads them and never edits them.
 */
package org.matterhub.mappings.billing;
