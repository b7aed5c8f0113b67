/**
 * Clio Manage API v4 records to the portal's canonical model and back. Pure functions, no I/O.
 * Field meanings follow Clio's API reference (https://docs.developers.clio.com/api-reference/).
 */
package org.matterhub.mappings.clio;
