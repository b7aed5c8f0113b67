package org.matterhub.routes.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.routes.vendor.VendorErrors;
import org.matterhub.routes.vendor.VendorRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The classifier of a handler whose work reaches more than one vendor (a client's decision goes to a DMS or to Clio;
 * an upload to iManage or NetDocuments): each vendor's failure is classified by that vendor's own classifier, found
 * by {@link VendorException#vendor()} among the {@link VendorErrors} adapters of the registry. Failures of our own side: an unreadable stored object or a dropped
 * object-store connection ({@link IOException}, {@link UncheckedIOException}) and a rate-limit wait past its
 * deadline are retriable; anything else (a missing object, a bug) is permanent and parked for ops.
 */
@Component
public final class VendorErrorClassifier implements ErrorClassifier {

    private final Map<String, ErrorClassifier> byVendor;

    /** Every vendor's classifier, as the vendor registry knows them. */
    @Autowired
    public VendorErrorClassifier(VendorRegistry vendors) {
        this(vendors.all(VendorErrors.class));
    }

    VendorErrorClassifier(List<? extends VendorErrors> vendors) {
        this.byVendor = vendors.stream().collect(Collectors.toUnmodifiableMap(v -> v.system().id(), VendorErrors::errors));
    }

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
