/**
 * HTTP endpoints that browsers and vendors call on the hub's integration side (connect flows, OAuth callbacks,
 * connection settings): vendor-neutral controllers that delegate to the ports of the connection's vendor, looked up
 * in {@link org.matterhub.routes.vendor.VendorRegistry}.
 */
package org.matterhub.routes.http;
