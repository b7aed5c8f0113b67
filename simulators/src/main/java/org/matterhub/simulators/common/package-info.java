/**
 * The simulator kit: what every vendor simulator shares, so that a vendor simulator is only its API, its data and
 * its wire profile. {@link org.matterhub.simulators.common.VendorSimulator} (and
 * {@link org.matterhub.simulators.common.DocumentSimulator}) over a
 * {@link org.matterhub.simulators.common.SimulatorKit}: a loopback-only HTTP server on the JDK's
 * {@code com.sun.net.httpserver}, the fault injector and its pipeline, the request recorder and the
 * {@code /_control} API; one OAuth 2.0 authorization server shaped per vendor by an
 * {@link org.matterhub.simulators.common.OAuthProfile}; a per-caller rate gate speaking the vendor's headers; a
 * signed, ordered, retrying webhook sender with a pluggable signature scheme; the command-line start-up; and wire
 * helpers (strictly monotonic clock, {@code fields=} selection, JSON, multipart, ranges, sample files).
 *
 * <p>Nothing here knows about a vendor; each vendor package ({@code ...simulators.clio}, ...) composes these
 * pieces into its own wire format. No Spring, no other Matterhub module.
 */
package org.matterhub.simulators.common;
