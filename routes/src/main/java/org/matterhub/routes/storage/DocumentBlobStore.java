package org.matterhub.routes.storage;

import org.matterhub.connectors.kernel.ByteRange;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.matterhub.store.blob.FirmKeyset;
import org.matterhub.store.blob.Keysets;
import org.matterhub.store.tenancy.TenantScope;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Document binaries in an S3-compatible bucket, encrypted in the hub before they leave it and decrypted after they
 * return, with Google Tink's streaming AEAD under the firm's keyset ({@link Keysets}: AES-256-GCM-HKDF in 64 KiB
 * segments). Everything streams: an upload is encrypted while it is sent ({@link EncryptingSource}), a download
 * decrypted while it is read, and neither ever holds the whole object.
 *
 * <p>A blob lives at {@code firms/<firm id>/<objectKey>} and is sealed with associated data naming firm and key, so
 * a blob copied to another key or firm does not decrypt, and another firm's keyset never opens it. This class
 * checks nothing about who may read a document: callers decide that against the document tables, under the
 * caller's scope, before asking for bytes; the firm's keyset is then read on the firm's side.
 *
 * <p>Failures: an unreadable source, a length that does not match the declared one, or a blob that fails
 * authentication raise {@link UncheckedIOException} (from {@code get}'s stream: {@link BlobIntegrityException}); a
 * missing blob {@link NoSuchBlobException}; the object store's own errors the AWS SDK's {@code SdkException}. A
 * failed upload leaves no object and no pending multipart upload.
 */
public class DocumentBlobStore implements AutoCloseable {

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final SegmentLayout LAYOUT = SegmentLayout.TINK;
    /** Segments a large download holds decrypted ahead of its reader ({@link ReadAhead}). */
    static final int READ_AHEAD_SEGMENTS = 4;
    /**
     * Downloads of at most this many segments (1 MiB) are decrypted on the reading thread: they are over in about a
     * millisecond, and a helper's start and hand-offs would cost more than the overlap saves.
     */
    static final int READ_AHEAD_MIN_SEGMENTS = 16;

    private final S3Client s3;
    private final CamelContext camel;
    private final String bucket;
    private final int partSize;
    private final Keysets keysets;
    private final AWS2S3Endpoint endpoint;
    /** Downloads' read-ahead helpers: a cached pool, so a new download never waits for another's helper to end. */
    private final ExecutorService readAheadThreads;
    private volatile ProducerTemplate template;

    /**
     * @param s3      the client the Camel endpoint and unknown-length uploads share
     * @param camel   the context whose {@code aws2-s3} component carries requests
     * @param keysets the firms' keysets
     */
    public DocumentBlobStore(S3Client s3, CamelContext camel, StorageProperties properties, Keysets keysets) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.camel = Objects.requireNonNull(camel, "camel");
        this.bucket = properties.bucket();
        this.partSize = properties.partSize();
        this.keysets = Objects.requireNonNull(keysets, "keysets");
        AWS2S3Configuration configuration = new AWS2S3Configuration();
        configuration.setBucketName(bucket);
        configuration.setAmazonS3Client(s3);
        configuration.setAutoCreateBucket(false);
        configuration.setMultiPartUpload(true);
        configuration.setPartSize(partSize);
        this.endpoint = new AWS2S3Endpoint("aws2-s3://" + bucket + "?multiPartUpload=true&partSize=" + partSize,
                camel.getComponent("aws2-s3", AWS2S3Component.class), configuration);
        this.readAheadThreads = camel.getExecutorServiceManager()
                .newCachedThreadPool(this, "DocumentBlobStore read-ahead");
    }

    /**
     * Encrypts and uploads a blob, replacing any blob under the same key.
     *
     * @param declaredLength the plaintext's length if known, else -1. Known lengths go through Camel's multipart
     *                       producer straight from the encrypting stream; unknown ones are cut into parts here, one
     *                       part in memory at a time. A source longer or shorter than declared fails the upload.
     */
    public StoredBlob put(TenantScope scope, String objectKey, InputStream plaintext, long declaredLength) {
        requireKey(objectKey);
        Objects.requireNonNull(plaintext, "plaintext");
        if (declaredLength < -1) {
            throw new IllegalArgumentException("declaredLength must be -1 or a length");
        }
        FirmKeyset keyset = keysets.keyset(scope);
        String storageKey = storageKey(scope, objectKey);
        EncryptingSource encrypted;
        try {
            encrypted = new EncryptingSource(keyset.aead(), associatedData(scope, objectKey), plaintext, declaredLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourceFailure source = new SourceFailure(encrypted);
        long stored;
        try {
            if (declaredLength >= 0) {
                stored = LAYOUT.ciphertextLength(declaredLength);
                call(exchange -> {
                    exchange.getIn().setBody(source);
                    exchange.getIn().setHeader(AWS2S3Constants.KEY, storageKey);
                    exchange.getIn().setHeader(AWS2S3Constants.CONTENT_LENGTH, stored);
                    exchange.getIn().setHeader(AWS2S3Constants.CONTENT_TYPE, OCTET_STREAM);
                });
            } else {
                stored = uploadInParts(storageKey, source);
            }
        } catch (RuntimeException e) {
            // The SDK reports a failing body as its own error (after trying to rewind it); the source's is the cause.
            if (source.failure != null) {
                UncheckedIOException failure = new UncheckedIOException(source.failure.getMessage(), source.failure);
                failure.addSuppressed(e);
                throw failure;
            }
            throw e;
        }
        if (!encrypted.isFinished()) {
            delete(scope, objectKey);
            throw new IllegalStateException("The upload of " + objectKey + " ended before the blob's last segment");
        }
        return new StoredBlob(objectKey, encrypted.plaintextLength(), HexFormat.of().formatHex(encrypted.sha256()),
                stored, keyset.primaryKeyId());
    }

    /**
     * The plaintext of a blob, or of a range of it. A whole blob is one GET decrypted by Tink's decrypting stream; a
     * range is read through Tink's seekable decrypting channel over ranged GETs ({@link S3RangeChannel}): one small
     * GET for the header and the blob's size, then one for the segments covering the range, and nothing else. Each
     * segment is authenticated before any of its bytes are returned; a download of more than
     * {@value #READ_AHEAD_MIN_SEGMENTS} segments is decrypted up to {@value #READ_AHEAD_SEGMENTS} segments ahead of
     * its reader on a helper thread ({@link ReadAhead}). The stream must be closed: closing it before its end drops
     * the connection (and stops the helper).
     *
     * @throws RangeNotSatisfiableException when the range names no byte of the blob (it starts at or after the end)
     */
    public InputStream get(TenantScope scope, String objectKey, Optional<ByteRange> range) {
        requireKey(objectKey);
        String storageKey = storageKey(scope, objectKey);
        byte[] associatedData = associatedData(scope, objectKey);
        try {
            if (range.isEmpty()) {
                ResponseInputStream<GetObjectResponse> body = fetch(storageKey, null);
                try {
                    SourceFailure source = new SourceFailure(new ReleasingStream(body));
                    InputStream plaintext = keysets.keyset(scope).aead().newDecryptingStream(source, associatedData);
                    Long stored = body.response().contentLength();
                    return readAhead(new DecryptedStream(plaintext, 0, Long.MAX_VALUE, () -> source.failure, objectKey),
                            stored == null || stored > (long) READ_AHEAD_MIN_SEGMENTS * LAYOUT.segmentSize(), body::abort);
                } catch (GeneralSecurityException | RuntimeException e) {
                    body.abort();
                    throw e;
                }
            }
            ByteRange wanted = range.get();
            byte[] header;
            long storedSize;
            ResponseInputStream<GetObjectResponse> head = fetch(storageKey, new long[] {0, SegmentLayout.HEADER_BYTES - 1});
            try (ReleasingStream in = new ReleasingStream(head)) {
                header = in.readNBytes(SegmentLayout.HEADER_BYTES);
                storedSize = totalSize(head.response());
            }
            long size = LAYOUT.plaintextLength(storedSize);
            ByteRange served = wanted.resolve(size).orElseThrow(() -> new RangeNotSatisfiableException(wanted, size));
            long last = served.last();
            S3RangeChannel stored = new S3RangeChannel((first, end) -> {
                ResponseInputStream<GetObjectResponse> response = fetch(storageKey, new long[] {first, end});
                return new S3RangeChannel.Opened(new ReleasingStream(response), response::abort);
            }, storedSize, header, LAYOUT.ciphertextEnd(LAYOUT.segmentOf(last), storedSize));
            SeekableByteChannel plaintext = keysets.keyset(scope).aead().newSeekableDecryptingChannel(stored, associatedData);
            plaintext.position(served.first());
            long length = served.length().orElseThrow();
            return readAhead(new DecryptedStream(DecryptedStream.of(plaintext), served.first(), length, stored::failure,
                    objectKey), length > (long) READ_AHEAD_MIN_SEGMENTS * LAYOUT.plaintextPerSegment(), stored::abort);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not start decrypting " + objectKey, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code plaintext} read ahead on a helper thread when the download is large; else as it is. */
    private InputStream readAhead(InputStream plaintext, boolean large, Runnable abort) {
        return large ? ReadAhead.start(plaintext, LAYOUT.plaintextPerSegment(), READ_AHEAD_SEGMENTS, readAheadThreads,
                abort) : plaintext;
    }

    /**
     * The plaintext length of a blob, from its stored size (one ranged read of one byte).
     *
     * @throws NoSuchBlobException when nothing is stored under the key
     */
    public long size(TenantScope scope, String objectKey) {
        requireKey(objectKey);
        ResponseInputStream<GetObjectResponse> head = fetch(storageKey(scope, objectKey), new long[] {0, 0});
        try (ReleasingStream in = new ReleasingStream(head)) {
            in.readAllBytes();
            return LAYOUT.plaintextLength(totalSize(head.response()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the blob; deleting a missing blob is not an error. */
    public void delete(TenantScope scope, String objectKey) {
        requireKey(objectKey);
        String storageKey = storageKey(scope, objectKey);
        call(exchange -> {
            exchange.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.deleteObject);
            exchange.getIn().setHeader(AWS2S3Constants.KEY, storageKey);
        });
    }

    public boolean exists(TenantScope scope, String objectKey) {
        requireKey(objectKey);
        String storageKey = storageKey(scope, objectKey);
        try {
            call(exchange -> {
                exchange.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.headObject);
                exchange.getIn().setHeader(AWS2S3Constants.KEY, storageKey);
            });
            return true;
        } catch (NoSuchBlobException e) {
            return false;
        }
    }

    /** Where the blob lies in the bucket: {@code firms/<firm id>/<objectKey>}. */
    public String storageKey(TenantScope scope, String objectKey) {
        return "firms/" + scope.firmId() + "/" + objectKey;
    }

    /** Binds a blob to its firm and key: sealed for one, it does not open as another. */
    private static byte[] associatedData(TenantScope scope, String objectKey) {
        return ("matterhub-blob:" + scope.firmId() + ":" + objectKey).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireKey(String objectKey) {
        if (objectKey == null || objectKey.isBlank() || objectKey.length() > 900 || objectKey.startsWith("/")
                || objectKey.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Invalid object key");
        }
    }

    /** Plain S3 multipart upload for a stream of unknown length: one part buffered (and retryable) at a time. */
    private long uploadInParts(String storageKey, InputStream ciphertext) {
        byte[] part = new byte[partSize];
        try {
            int n = ciphertext.readNBytes(part, 0, partSize);
            if (n < partSize) {
                int length = n;
                s3.putObject(PutObjectRequest.builder().bucket(bucket).key(storageKey).contentType(OCTET_STREAM)
                        .contentLength((long) length).build(), bytes(part, length));
                return length;
            }
            String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket)
                    .key(storageKey).contentType(OCTET_STREAM).build()).uploadId();
            try {
                List<CompletedPart> parts = new ArrayList<>();
                long total = 0;
                while (n > 0) {
                    int number = parts.size() + 1;
                    String etag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(storageKey)
                            .uploadId(uploadId).partNumber(number).contentLength((long) n).build(), bytes(part, n)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                    total += n;
                    n = ciphertext.readNBytes(part, 0, partSize);
                }
                s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(storageKey)
                        .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
                return total;
            } catch (IOException | RuntimeException e) {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(storageKey)
                        .uploadId(uploadId).build());
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestBody bytes(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, OCTET_STREAM);
    }

    /** GET of the whole object ({@code range} null) or of stored bytes range[0]..range[1]. */
    @SuppressWarnings("unchecked")
    private ResponseInputStream<GetObjectResponse> fetch(String storageKey, long[] range) {
        Exchange exchange = call(e -> {
            e.getIn().setHeader(AWS2S3Constants.KEY, storageKey);
            if (range == null) {
                e.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObject);
            } else {
                e.getIn().setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObjectRange);
                e.getIn().setHeader(AWS2S3Constants.RANGE_START, range[0]);
                e.getIn().setHeader(AWS2S3Constants.RANGE_END, range[1]);
            }
        });
        return (ResponseInputStream<GetObjectResponse>) exchange.getMessage().getBody();
    }

    /** The object's full size from a ranged GET's {@code Content-Range: bytes a-b/size}. */
    private static long totalSize(GetObjectResponse response) {
        String contentRange = response.contentRange();
        if (contentRange != null && contentRange.indexOf('/') > 0) {
            return Long.parseLong(contentRange.substring(contentRange.indexOf('/') + 1).trim());
        }
        return response.contentLength();
    }

    private Exchange call(Processor request) {
        Exchange exchange = producer().send(started(), request);
        Exception failure = exchange.getException();
        if (failure == null) {
            return exchange;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoSuchKeyException || (t instanceof S3Exception s3e && s3e.statusCode() == 404)) {
                throw new NoSuchBlobException(exchange.getIn().getHeader(AWS2S3Constants.KEY, String.class), failure);
            }
            if (t instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    private AWS2S3Endpoint started() {
        if (!endpoint.isStarted()) {
            endpoint.start();
        }
        return endpoint;
    }

    private ProducerTemplate producer() {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }

    @Override
    public void close() throws Exception {
        if (template != null) {
            template.stop();
        }
        endpoint.stop();
        camel.getExecutorServiceManager().shutdown(readAheadThreads);
    }

    /** Remembers the first failure of the stream being uploaded. */
    private static final class SourceFailure extends FilterInputStream {
        private IOException failure;

        SourceFailure(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    /**
     * Releases the HTTP connection properly: read to its end it returns to the pool; closed early it is aborted
     * rather than drained (draining the rest of a large object to reuse one connection costs more than a new one).
     */
    private static final class ReleasingStream extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private long remaining;

        ReleasingStream(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
            Long length = response.response().contentLength();
            this.remaining = length == null ? -1 : length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && remaining > 0) {
                remaining--;
            } else if (b < 0) {
                remaining = 0;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && remaining > 0) {
                remaining -= n;
            } else if (n < 0) {
                remaining = 0;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (remaining != 0) {
                response.abort();
            }
            super.close();
        }
    }
}
