package org.matterhub.routes.documents;

import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.routes.vendor.VendorAdapter;

/**
 * Files a client upload into one vendor's DMS, exactly once however often it is called for the same upload: it finds
 * (or creates) the workspace's upload folder, looks there for a document this upload already became (a previous
 * attempt whose response was lost, or whose transaction died before it committed), and uploads only when there is
 * none. Called inside the outbox row's transaction; the caller records the result in that transaction.
 */
public interface UploadFiler extends VendorAdapter {

    /** Files the upload and says where it is. */
    Filed file(DmsConnections.Dms dms, DmsUpload upload, UploadContent content) throws Exception;

    /**
     * Where an upload was filed.
     *
     * @param externalId    the DMS document id without version (iManage {@code LIB!number}, NetDocuments id)
     * @param folderId      the upload folder's id
     * @param sourceVersion the DMS version number of the uploaded content
     * @param reused        whether an earlier attempt's document was found instead of uploading again
     */
    record Filed(String externalId, String folderId, String folderName, int sourceVersion, boolean reused) {
    }
}
