/**
 * QuickBooks Online accounting records to the portal's canonical billing records. Pure functions, no I/O.
 * Field meanings follow Intuit's API reference and VENDORS.md §4.
 */
package org.matterhub.mappings.quickbooks;
