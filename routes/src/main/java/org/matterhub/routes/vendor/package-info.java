/**
 * The vendor registry: capability ports are implemented by one adapter per vendor ({@link
 * org.matterhub.routes.vendor.VendorAdapter}) and looked up by {@link org.matterhub.mappings.canonical.SourceSystem}
 * in {@link org.matterhub.routes.vendor.VendorRegistry}, the only place a vendor is chosen.
 */
package org.matterhub.routes.vendor;
