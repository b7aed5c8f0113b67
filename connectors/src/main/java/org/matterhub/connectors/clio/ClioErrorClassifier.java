package org.matterhub.connectors.clio;

import java.io.IOException;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * Clio's failure policy.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>class</th></tr>
 *   <tr><td>I/O error, timeout ({@link VendorIoException}, {@link IOException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>5xx, 408</td><td>RETRIABLE</td></tr>
 *   <tr><td>429 (per-minute limit; Clio has no daily quota), honouring Retry-After</td><td>RETRIABLE</td></tr>
 *   <tr><td>no rate-limit permit within the deadline ({@link RateLimitTimeoutException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>2xx with a body that is not JSON ({@link VendorResponseException.Kind#MALFORMED})</td><td>RETRIABLE</td></tr>
 *   <tr><td>{@link ClioReauthorizationRequiredException} (invalid_grant, 401 after refresh), any 401, 403</td>
 *       <td>REAUTHORIZATION_REQUIRED</td></tr>
 *   <tr><td>412 ({@link ClioPreconditionFailedException}), 409</td><td>CONFLICT</td></tr>
 *   <tr><td>400, 404, 410 (retired API version), 422, other 4xx</td><td>PERMANENT</td></tr>
 *   <tr><td>2xx JSON of unexpected shape ({@link VendorResponseException.Kind#UNEXPECTED_SHAPE})</td><td>PERMANENT</td></tr>
 *   <tr><td>anything else (a bug)</td><td>PERMANENT</td></tr>
 * </table>
 *
 * <p>Malformed success bodies: Clio answers a valid request deterministically, so bytes that are not JSON
 * at all point at a broken transfer (truncation, a proxy's HTML page) that a retry usually cures, whereas
 * well-formed JSON of the wrong shape will come back identical and is dead-lettered at once. The route's
 * retry budget bounds the first case, after which it is dead-lettered too.
 *
 * <p>A 401 that escapes {@link ClioClient} has already been through one refresh, so it is never retried.
 */
public final class ClioErrorClassifier implements ErrorClassifier {
    // Clio's table is the shared one.
}
