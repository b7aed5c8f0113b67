package org.matterhub.routes.documents;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.routes.storage.DocumentBlobStore;
import org.matterhub.routes.storage.StoredBlob;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Copies the bytes of versions the portal needs (candidates and published documents) from the DMS (its vendor's
 * {@link ContentSource}) into the encrypted object store, and their text into the search index. Runs outside the
 * sync's transaction: the bytes stream from the DMS through encryption to S3 without being held; the version row is
 * updated after the blob is stored, so a crash leaves at worst an unreferenced blob that the next run overwrites
 * under the same key.
 */
@Component
public class DocumentContentFetcher {

    private static final Logger log = LoggerFactory.getLogger(DocumentContentFetcher.class);

    private final ObjectProvider<DocumentBlobStore> blobs;
    private final TextExtractor text;
    private final DmsRepository dms;
    private final Tenancy tenancy;
    private volatile boolean warned;

    public DocumentContentFetcher(ObjectProvider<DocumentBlobStore> blobs, TextExtractor text, DmsRepository dms,
                                  Tenancy tenancy) {
        this.blobs = blobs;
        this.text = text;
        this.dms = dms;
        this.tenancy = tenancy;
    }

    /** The object key of a version's bytes within the firm's prefix. */
    public static String objectKey(UUID documentId, int versionNumber) {
        return "documents/" + documentId + "/v" + versionNumber;
    }

    /** Fetches each version's bytes from {@code source}, the vendor's; a failure propagates (the caller's retry policy decides). */
    public int fetch(UUID firmId, ContentSource source, List<ContentRequest> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        DocumentBlobStore store = blobs.getIfAvailable();
        if (store == null) {
            if (!warned) {
                warned = true;
                log.warn("Document storage is not configured (matterhub.storage.bucket): DMS documents are listed but "
                        + "their content is not copied, so clients cannot download them");
            }
            return 0;
        }
        TenantScope scope = TenantScope.system(firmId);
        int fetched = 0;
        for (ContentRequest r : requests) {
            String key = objectKey(r.documentId(), r.versionNumber());
            StoredBlob blob;
            String contentType;
            try (ContentDownload download = source.open(firmId, r)) {
                contentType = download.contentType().map(DocumentContentFetcher::bareType).orElse(null);
                long length = download.contentLength().orElse(-1);
                blob = store.put(scope, key, download.body(), length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String extracted;
            try (InputStream in = store.get(scope, key, Optional.empty())) {
                extracted = text.extract(in, r.fileName());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String finalType = contentType;
            tenancy.writeVoid(scope, () -> dms.setVersionContent(r.documentId(), r.versionNumber(), key, blob.size(),
                    blob.sha256(), finalType, extracted));
            fetched++;
        }
        return fetched;
    }

    private static String bareType(String contentType) {
        int semi = contentType.indexOf(';');
        String t = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
        return t.isEmpty() || "application/octet-stream".equals(t) ? null : t;
    }
}
