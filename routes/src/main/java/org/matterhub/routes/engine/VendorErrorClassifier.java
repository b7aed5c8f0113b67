package org.matterhub.routes.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.imanage.ImanageErrorClassifier;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.netdocuments.NetDocumentsErrorClassifier;

/**
 * The classifier of a handler whose work reaches more than one vendor (a client's decision goes to a DMS or to Clio;
 * an upload to iManage or NetDocuments): each vendor's failure is classified by that vendor's own classifier, found
 * by {@link VendorException#vendor()}. Failures of our own side: an unreadable stored object or a dropped
 * object-store connection ({@link IOException}, {@link UncheckedIOException}) and a rate-limit wait past its
 * deadline are retriable; anything else (a missing object, a bug) is permanent and parked for ops.
 */
public final class VendorErrorClassifier implements ErrorClassifier {

    private final Map<String, ErrorClassifier> byVendor = Map.of(
            "clio", new ClioErrorClassifier(),
            "imanage", new ImanageErrorClassifier(),
            "netdocuments", new NetDocumentsErrorClassifier(),
            "quickbooks", new org.matterhub.connectors.quickbooks.QboErrorClassifier(),
            "xero", new org.matterhub.connectors.xero.XeroErrorClassifier());

    @Override
    public ErrorClass classify(Throwable t) {
        ErrorClassifier vendor = vendorOf(t);
        if (vendor != null) {
            return vendor.classify(t);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof RateLimitTimeoutException) {
            return ErrorClass.RETRIABLE;
        }
        return ErrorClass.PERMANENT;
    }

    @Override
    public Optional<Duration> retryAfter(Throwable t) {
        ErrorClassifier vendor = vendorOf(t);
        if (vendor != null) {
            return vendor.retryAfter(t);
        }
        if (t instanceof RateLimitTimeoutException rl) {
            return Optional.of(rl.wouldWait());
        }
        return Optional.empty();
    }

    private ErrorClassifier vendorOf(Throwable t) {
        return t instanceof VendorException v ? byVendor.get(v.vendor()) : null;
    }
}
