package org.matterhub.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Re-encrypts, once, the blobs written by Matterhub's envelope before Tink ({@link LegacyEnvelope}) under the firm's
 * Tink keyset, in place: same bucket, same key, same plaintext (so {@code document_version}'s size and SHA-256 still
 * hold). Runs at start-up, before the web server takes requests, unless a marker object says an earlier pass
 * finished: every object under {@code firms/} is probed with a 4-byte ranged GET and only the legacy ones are read
 * (streamed, one upload part in memory) and rewritten. A blob that fails is logged and left as it was (it stays
 * unreadable to the hub) and the marker is not written, so the next start tries again. Two nodes starting together
 * may both rewrite a blob; either result is a valid Tink blob of the same plaintext. See docs/architecture.md.
 */
public class LegacyBlobMigration implements SmartInitializingSingleton {

    /** Written when a pass re-encrypted every legacy blob it found; later starts then skip the listing. */
    static final String DONE_MARKER = "matterhub/legacy-envelope-reencrypted";
    private static final Logger log = LoggerFactory.getLogger(LegacyBlobMigration.class);

    private final S3Client s3;
    private final String bucket;
    private final DocumentBlobStore blobs;
    private final LegacyEnvelope.Keys keys;

    public LegacyBlobMigration(S3Client s3, String bucket, DocumentBlobStore blobs, LegacyEnvelope.Keys keys) {
        this.s3 = s3;
        this.bucket = bucket;
        this.blobs = blobs;
        this.keys = keys;
    }

    /** What a pass did. */
    public record Result(int examined, int reencrypted, int failed) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (exists(DONE_MARKER)) {
            return;
        }
        Result result = run();
        log.info("Legacy blob re-encryption: {} objects examined, {} re-encrypted under Tink, {} failed",
                result.examined(), result.reencrypted(), result.failed());
    }

    /** One pass over the bucket, whatever the marker says; writes the marker when nothing failed. */
    public Result run() {
        int examined = 0;
        int reencrypted = 0;
        int failed = 0;
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix("firms/")
                .build()).contents()) {
            examined++;
            String[] parts = object.key().split("/", 3);
            if (parts.length < 3 || object.size() < LegacyEnvelope.HEADER_BYTES || !legacy(object.key())) {
                continue;
            }
            try {
                reencrypt(TenantScope.system(UUID.fromString(parts[1])), parts[2], object);
                reencrypted++;
            } catch (RuntimeException | IOException e) {
                failed++;
                log.warn("Could not re-encrypt legacy blob {}: {}", object.key(), e.toString());
            }
        }
        if (failed == 0) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(DONE_MARKER).build(),
                    RequestBody.fromString(examined + " objects examined, " + reencrypted + " re-encrypted"));
        }
        return new Result(examined, reencrypted, failed);
    }

    private void reencrypt(TenantScope firm, String objectKey, S3Object object) throws IOException {
        try (ResponseInputStream<GetObjectResponse> sealed = s3.getObject(GetObjectRequest.builder().bucket(bucket)
                .key(object.key()).build())) {
            LegacyEnvelope.Opened opened = LegacyEnvelope.open(sealed, object.size(), firm.firmId(), objectKey, keys);
            try (InputStream plaintext = opened.plaintext()) {
                // Length undeclared: the object is buffered one part at a time and committed only when whole, so the
                // legacy object stays in place until its last byte was read and authenticated.
                StoredBlob stored = blobs.put(firm, objectKey, plaintext, -1);
                if (stored.size() != opened.length()) {
                    throw new IllegalStateException("Re-encrypted " + stored.size() + " of " + opened.length() + " bytes");
                }
            }
        }
    }

    private boolean legacy(String key) {
        try (ResponseInputStream<GetObjectResponse> start = s3.getObject(GetObjectRequest.builder().bucket(bucket)
                .key(key).range("bytes=0-3").build())) {
            return LegacyEnvelope.isLegacy(start.readNBytes(4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key)
                .build())) {
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
