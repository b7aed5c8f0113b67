package org.matterhub.portal.documents;

import org.matterhub.connectors.kernel.ByteRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.matterhub.portal.upload.Accepted;
import org.matterhub.portal.upload.InspectionResult;
import org.matterhub.portal.upload.Rejected;
import org.matterhub.portal.upload.RejectionReason;
import org.matterhub.portal.upload.UploadInspector;
import org.matterhub.portal.upload.UploadPolicy;
import org.matterhub.store.tenancy.TenantScope;

/** The sink between the upload inspector and the content store: a store keeps an upload only when it was accepted. */
class ContentStoreSinkTest {

    final ExecutorService threads = Executors.newCachedThreadPool();
    final MemoryStore store = new MemoryStore();
    final TenantScope scope = TenantScope.system(UUID.randomUUID());

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void anAcceptedUploadIsStoredWholeAndItsHeadIsKept() throws Exception {
        byte[] text = ("Minutes of the board meeting\n" + "x".repeat(300_000)).getBytes();
        ContentStoreSink sink = new ContentStoreSink(store, scope, "documents/a/v1", threads, 1024);
        InspectionResult r = new UploadInspector(UploadPolicy.defaults()).inspect(new ByteArrayInputStream(text),
                "minutes.txt", "text/plain", sink);
        assertThat(r).isInstanceOf(Accepted.class);
        assertThat(store.objects.get("documents/a/v1")).isEqualTo(text);
        assertThat(sink.stored().size()).isEqualTo(text.length);
        assertThat(sink.stored().sha256()).isEqualTo(((Accepted) r).sha256Hex());
        assertThat(sink.head()).hasSize(1024);
        assertThat(DocumentFiling.text(sink.head())).startsWith("Minutes of the board meeting");
    }

    @Test
    void aRejectionAfterBytesWereStreamedLeavesNothingStored() throws Exception {
        byte[] eicar = ("harmless text " + "y".repeat(200_000)
                + "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").getBytes();
        ContentStoreSink sink = new ContentStoreSink(store, scope, "documents/b/v1", threads, 1024);
        InspectionResult r = new UploadInspector(UploadPolicy.defaults()).inspect(new ByteArrayInputStream(eicar),
                "notes.txt", "text/plain", sink);
        assertThat(r).isInstanceOfSatisfying(Rejected.class,
                x -> assertThat(x.reason()).isEqualTo(RejectionReason.MALWARE_SIGNATURE));
        assertThat(store.objects).isEmpty();
        assertThat(store.started).isEqualTo(1);
        assertThat(store.failed).isEqualTo(1);
        assertThat(store.deletes).contains("documents/b/v1");
    }

    @Test
    void anOversizeUploadStopsReadingAndLeavesNothing() throws Exception {
        byte[] big = new byte[3 * 65536];
        java.util.Arrays.fill(big, (byte) 'a');
        ContentStoreSink sink = new ContentStoreSink(store, scope, "documents/c/v1", threads, 0);
        InspectionResult r = new UploadInspector(UploadPolicy.defaults().withMaxBytes(100_000))
                .inspect(new ByteArrayInputStream(big), "big.txt", "text/plain", sink);
        assertThat(r).isInstanceOfSatisfying(Rejected.class,
                x -> assertThat(x.reason()).isEqualTo(RejectionReason.TOO_LARGE));
        assertThat(store.objects).isEmpty();
    }

    @Test
    void aStoreFailureFailsTheUpload() {
        store.failAfter = 10_000;
        ContentStoreSink sink = new ContentStoreSink(store, scope, "documents/d/v1", threads, 0);
        byte[] text = "z".repeat(500_000).getBytes();
        assertThatThrownBy(() -> new UploadInspector(UploadPolicy.defaults()).inspect(new ByteArrayInputStream(text),
                "z.txt", "text/plain", sink)).isInstanceOfAny(IOException.class, UncheckedIOException.class);
        assertThat(store.objects).isEmpty();
    }

    @Test
    void aMultipartFilePartOverTheLimitIsRefusedWithoutStoringAnything() throws Exception {
        byte[] big = "q".repeat(300_000).getBytes();
        byte[] body = MultipartStreamTest.body(MultipartStreamTest.part("title", null, null, "Notes".getBytes()),
                MultipartStreamTest.part("file", "notes.txt", "text/plain", big));
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(body), MultipartStreamTest.B);
        assertThat(parts.next().name()).isEqualTo("title");
        MultipartStream.Part file = parts.next();
        ContentStoreSink sink = new ContentStoreSink(store, scope, "documents/e/v1", threads, 1024);
        InspectionResult r = new UploadInspector(UploadPolicy.defaults().withMaxBytes(200_000))
                .inspect(file.body(), file.fileName(), file.contentType(), sink);
        assertThat(r).isInstanceOfSatisfying(Rejected.class,
                x -> assertThat(x.reason()).isEqualTo(RejectionReason.TOO_LARGE));
        assertThat(store.objects).isEmpty();
        assertThat(store.deletes).contains("documents/e/v1");
    }

    /** A content store in memory that, like the real ones, keeps nothing when its source fails. */
    static final class MemoryStore implements DocumentContentStore {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final java.util.List<String> deletes = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int started;
        volatile int failed;
        volatile long failAfter = -1;

        @Override
        public StoredContent write(TenantScope scope, String storageKey, InputStream content, long declaredLength) {
            started++;
            try {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = content.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    if (failAfter >= 0 && out.size() > failAfter) {
                        throw new IOException("disk full");
                    }
                }
                byte[] bytes = out.toByteArray();
                objects.put(storageKey, bytes);
                return new StoredContent(storageKey, bytes.length,
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (IOException e) {
                failed++;
                throw new UncheckedIOException(e);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void delete(TenantScope scope, String storageKey) {
            deletes.add(storageKey);
            objects.remove(storageKey);
        }

        @Override
        public InputStream open(TenantScope scope, String storageKey, Optional<ByteRange> range) {
            return new ByteArrayInputStream(objects.get(storageKey));
        }

        @Override
        public long size(TenantScope scope, String storageKey) {
            return objects.get(storageKey).length;
        }

        OutputStream unused() {
            return OutputStream.nullOutputStream();
        }
    }
}
