/**
 * Xero accounting records to the portal's canonical billing records. Pure functions, no I/O.
 * Field meanings follow Xero's Accounting API (xero_accounting.yaml) and VENDORS.md §5.
 */
package org.matterhub.mappings.xero;
