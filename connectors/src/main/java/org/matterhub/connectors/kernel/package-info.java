/**
 * The shared kernel every vendor connector uses: the exception vocabulary ({@link
 * org.matterhub.connectors.kernel.VendorHttpException}, {@link
 * org.matterhub.connectors.kernel.VendorIoException}, {@link
 * org.matterhub.connectors.kernel.VendorResponseException}), the {@link
 * org.matterhub.connectors.kernel.ErrorClass} a vendor's {@link
 * org.matterhub.connectors.kernel.ErrorClassifier} maps them to, {@link
 * org.matterhub.connectors.kernel.Backoff}, the per-connection {@link
 * org.matterhub.connectors.kernel.RateLimiter}, {@link
 * org.matterhub.connectors.kernel.HmacSignatures} and {@link
 * org.matterhub.connectors.kernel.SingleFlight}.
 *
 * <p>Plain Java: no Spring, no Camel, no I/O of its own. Kept deliberately small; a class belongs
 * here only when at least two vendors need exactly the same thing.
 */
package org.matterhub.connectors.kernel;
