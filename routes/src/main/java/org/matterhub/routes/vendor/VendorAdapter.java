package org.matterhub.routes.vendor;

import org.matterhub.mappings.canonical.SourceSystem;

/**
 * One vendor's implementation of one capability port (billing, documents, practice management, and next calendars,
 * signatures and mail). Every port interface extends this; each vendor implements the port in its own package and
 * is a Spring bean, so the {@link VendorRegistry} finds it. Capability flows ask the registry for the port of a
 * connection's vendor and never test the vendor's name themselves.
 */
public interface VendorAdapter {

    /** The vendor this adapter speaks to. */
    SourceSystem system();

    /** The vendor's product name as people know it ("QuickBooks Online", "iManage Work"), for messages and logs. */
    String displayName();
}
