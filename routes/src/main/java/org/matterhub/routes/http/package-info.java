/**
 * The HTTP endpoints that vendors and browsers call into the hub outside the portal API: webhooks, OAuth callbacks
 * and the connect flows a firm admin starts. Vendor-neutral controllers live here and delegate to capability ports;
 * an endpoint whose wire protocol is one vendor's own (Clio's webhook handshake) lives in that vendor's sub-package.
 */
package org.matterhub.routes.http;
