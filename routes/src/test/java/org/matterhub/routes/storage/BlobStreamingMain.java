package org.matterhub.routes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.matterhub.store.tenancy.TenantScope;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streams one large generated document through {@link DocumentBlobStore} (encrypted put, decrypted get) and the
 * same bytes through the plain S3 client (multipart put, get), and prints throughput and SHA-256 of each. Meant to
 * run in a JVM with a small heap ({@code -Xmx64m} for 128 MiB, {@code -Xmx256m} for 1 GiB) against an S3-compatible
 * server keeping blobs on disk; {@link BlobStreamingIT} starts both.
 *
 * <p>Usage: {@code BlobStreamingMain <endpoint> <bucket> <bytes>}; the last line of output is {@code RESULT k=v ...}.
 */
public final class BlobStreamingMain {

    private static final long SEED = 20260101L;
    private static final int PART = 8 * 1024 * 1024;

    private BlobStreamingMain() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        long bytes = Long.parseLong(args[2]);
        StorageProperties properties = new StorageProperties(endpoint, "us-east-1", bucket, S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true, PART);
        try (S3Client s3 = StorageConfiguration.s3Client(properties); DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            DocumentBlobStore store = new DocumentBlobStore(s3, camel, properties, new InMemoryKeysets());
            TenantScope firm = TenantScope.system(UUID.randomUUID());

            HeapWatch heap = new HeapWatch();
            String expected = sha256(new GeneratedStream(SEED, bytes));
            // Warm up before timing. AES-GCM and SHA-256 run as CPU intrinsics only once C2 compiled their callers,
            // which takes some 10,000 calls: cold, the first few hundred MiB encrypt at ~100 MiB/s instead of GiB/s.
            for (int i = 0; i < 6; i++) {
                store.put(firm, "warm-up", new GeneratedStream(i, 3L * PART), 3L * PART);
                sha256(store.get(firm, "warm-up", Optional.empty()));
                rawPut(s3, bucket, "warm-up-raw", new GeneratedStream(i, 3L * PART), 3L * PART);
                sha256(rawGet(s3, bucket, "warm-up-raw"));
            }

            long t0 = System.nanoTime();
            StoredBlob stored = store.put(firm, "large", new GeneratedStream(SEED, bytes), bytes);
            double blobPut = seconds(t0);
            t0 = System.nanoTime();
            String blobGetSha = sha256(store.get(firm, "large", Optional.empty()));
            double blobGet = seconds(t0);
            store.delete(firm, "large");

            t0 = System.nanoTime();
            rawPut(s3, bucket, "large-raw", new GeneratedStream(SEED, bytes), bytes);
            double rawPut = seconds(t0);
            t0 = System.nanoTime();
            String rawGetSha = sha256(rawGet(s3, bucket, "large-raw"));
            double rawGet = seconds(t0);
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key("large-raw").build());
            camel.stop();

            double mib = bytes / (1024.0 * 1024.0);
            boolean ok = expected.equals(stored.sha256()) && expected.equals(blobGetSha) && expected.equals(rawGetSha)
                    && stored.size() == bytes;
            System.out.println(String.format(Locale.ROOT,
                    "RESULT ok=%s bytes=%d ciphertextBytes=%d maxHeapMiB=%d peakHeapMiB=%d blobPutMiBps=%.1f "
                            + "blobGetMiBps=%.1f rawPutMiBps=%.1f rawGetMiBps=%.1f putRatio=%.2f getRatio=%.2f sha256=%s",
                    ok, bytes, stored.ciphertextSize(), Runtime.getRuntime().maxMemory() >> 20, heap.peak() >> 20,
                    mib / blobPut, mib / blobGet, mib / rawPut, mib / rawGet, rawPut / blobPut, rawGet / blobGet,
                    expected));
            System.exit(ok ? 0 : 1);
        }
    }

    private static void rawPut(S3Client s3, String bucket, String key, InputStream in, long length) {
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key).build())
                .uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long sent = 0; sent < length; ) {
            long part = Math.min(PART, length - sent);
            int number = parts.size() + 1;
            String etag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(number).contentLength(part).build(), RequestBody.fromInputStream(in, part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            sent += part;
        }
        s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
    }

    private static ResponseInputStream<GetObjectResponse> rawGet(S3Client s3, String bucket, String key) {
        return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
    }

    private static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Samples the heap in use (live objects and not yet collected garbage) every few milliseconds. */
    private static final class HeapWatch {
        private volatile long peak;

        HeapWatch() {
            Thread sampler = new Thread(() -> {
                Runtime runtime = Runtime.getRuntime();
                while (true) {
                    peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peak() {
            return peak;
        }
    }
}
