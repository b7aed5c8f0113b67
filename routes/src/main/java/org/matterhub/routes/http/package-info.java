/**
 * The HTTP endpoints that vendors and browsers call into the hub outside the portal API: webhooks, OAuth callbacks
 * and the connect flows a firm admin starts. Every controller here is vendor-neutral: the vendor is a path variable,
 * looked up in the {@link org.matterhub.routes.vendor.VendorRegistry} (an unknown one is 404), and what differs is the
 * vendor's port ({@link org.matterhub.routes.vendor.ConnectFlow}, {@link org.matterhub.routes.vendor.ConnectionWebhooks},
 * the billing webhooks). No mapping names a vendor (config's {@code VendorRoomsTest} keeps it so).
 */
package org.matterhub.routes.http;
