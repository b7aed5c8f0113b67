package org.matterhub.portal.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.matterhub.portal.documents.DocumentModels.DocumentView;
import org.matterhub.portal.documents.DocumentModels.VersionView;

/** Response bodies of {@code POST /api/v1/matters/{id}/documents} (see openapi.yaml). */
public final class UploadModels {

    private UploadModels() {
    }

    /** The status values of {@link Filing}. */
    public static final String QUEUED = "queued";
    public static final String PORTAL_ONLY = "portal_only";

    /**
     * Whether the upload will be filed in the firm's document-management system.
     *
     * @param status {@code queued}: it will be filed into {@code folder} of the matter's workspace (exactly once, in
     *               the background); {@code portal_only}: it stays in the portal, {@code detail} says why
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filing(String status, String folder, String detail) {
    }

    /** The stored upload: the new document, its version 1, and where it is being filed. */
    public record UploadResult(DocumentView document, VersionView version, Filing filing) {
    }
}
