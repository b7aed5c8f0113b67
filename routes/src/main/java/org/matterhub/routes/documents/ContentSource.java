package org.matterhub.routes.documents;

import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.routes.vendor.VendorAdapter;

/** Streams one version's bytes out of a document-management system, for {@link DocumentContentFetcher}. */
public interface ContentSource extends VendorAdapter {

    /** Opens the download of {@code request}'s DMS version; the caller closes it. */
    ContentDownload open(UUID firmId, ContentRequest request);
}
