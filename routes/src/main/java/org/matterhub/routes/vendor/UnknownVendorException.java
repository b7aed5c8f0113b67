package org.matterhub.routes.vendor;

/** A connection names a vendor that has no adapter for the capability asked of it. */
public class UnknownVendorException extends IllegalArgumentException {

    private final String vendorId;

    public UnknownVendorException(String vendorId, Class<?> port) {
        super("No " + port.getSimpleName() + " adapter for vendor '" + vendorId + "'");
        this.vendorId = vendorId;
    }

    public String vendorId() {
        return vendorId;
    }
}
