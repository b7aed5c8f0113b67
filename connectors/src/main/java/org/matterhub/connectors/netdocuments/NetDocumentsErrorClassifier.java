package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * NetDocuments' failure policy. NetDocuments publishes no error contract (VENDORS §3.4), so the table is the
 * HTTP-generic one.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>failure</th><th>class</th></tr>
 *   <tr><td>I/O error, timeout, connection dropped before the response ({@link VendorIoException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>5xx, 408, 423 (document locked or checked out)</td><td>RETRIABLE</td></tr>
 *   <tr><td>429 (the 100 calls / 60 s limit; no daily quota is known), honouring Retry-After</td><td>RETRIABLE</td></tr>
 *   <tr><td>no rate-limit permit within the deadline ({@link RateLimitTimeoutException})</td><td>RETRIABLE</td></tr>
 *   <tr><td>2xx whose body is not JSON ({@link VendorResponseException.Kind#MALFORMED})</td><td>RETRIABLE</td></tr>
 *   <tr><td>{@link NetDocumentsReauthorizationRequiredException}, any 401, 403</td><td>REAUTHORIZATION_REQUIRED</td></tr>
 *   <tr><td>409, 412</td><td>CONFLICT</td></tr>
 *   <tr><td>400, 404 ({@link NetDocumentsNotFoundException}), 405, 410, 415, 416, 422, other 4xx</td><td>PERMANENT</td></tr>
 *   <tr><td>2xx JSON of unexpected shape</td><td>PERMANENT</td></tr>
 *   <tr><td>anything else (a bug)</td><td>PERMANENT</td></tr>
 * </table>
 *
 * <p>A retriable failure of an upload is retried only after the idempotency check described on
 * {@link NetDocumentsClient}: the upload may have been applied although no response arrived.
 */
public final class NetDocumentsErrorClassifier implements ErrorClassifier {

    @Override
    public ErrorClass classifyHttp(VendorHttpException e) {
        return ErrorClassifier.byStatusWithLocks(e.status());
    }
}
