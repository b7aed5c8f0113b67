/**
 * Vendor-neutral building blocks for Matterhub's wire-level vendor simulators: a loopback-only HTTP
 * server on the JDK's {@code com.sun.net.httpserver}, a fault injector, a request recorder, a
 * fixed-window rate limiter, a strictly monotonic clock, {@code fields=} selection, JSON helpers and a
 * signed, ordered, retrying webhook sender.
 *
 * <p>Nothing here knows about a vendor; each vendor package ({@code ...simulators.clio}, ...) composes
 * these pieces into its own wire format. No Spring, no other Matterhub module.
 */
package org.matterhub.simulators.common;
