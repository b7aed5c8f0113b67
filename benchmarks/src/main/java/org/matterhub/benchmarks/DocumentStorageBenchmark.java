package org.matterhub.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.impl.DefaultCamelContext;
import org.gaul.s3proxy.S3Proxy;
import org.matterhub.routes.storage.DocumentBlobStore;
import org.matterhub.routes.storage.StorageConfiguration;
import org.matterhub.routes.storage.StorageProperties;
import org.matterhub.routes.storage.StoredBlob;
import org.matterhub.store.blob.FirmKeyset;
import org.matterhub.store.blob.Keysets;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Document storage throughput: {@link DocumentBlobStore} (encrypted in the hub with Tink's streaming AEAD,
 * AES-256-GCM-HKDF in 64 KiB segments) against the
 * plain S3 client moving the same bytes with the same requests, side by side in one JVM, against one S3-compatible
 * server (S3Proxy in this JVM, objects on disk under {@code benchmarks/target}). For each size, after a warm-up,
 * several repetitions in alternating order of:
 * <ul>
 *   <li>upload: {@code DocumentBlobStore.put} with the length declared against {@code PutObject} (objects under
 *       the part size) or a multipart upload in parts of the store's part size (larger ones), the requests Camel's
 *       producer sends for the store;</li>
 *   <li>download: {@code DocumentBlobStore.get} against {@code GetObject}, each read with {@code transferTo} (as
 *       the portal's download endpoint reads) once into a sink that discards the bytes and once into SHA-256 (a
 *       reader with work of its own); and, for scale, {@code GetObject} of an object sealed by the same keyset read
 *       through Tink's decrypting stream directly, without Camel and the store in between.</li>
 * </ul>
 * Reports MiB/s of each side and the ratio store / raw, taken per repetition (median and range); logs a table and
 * writes JSON (default {@code benchmarks/target/document-storage-benchmark.json}). Every download is checked (length,
 * and SHA-256 where hashed); every upload's reported SHA-256 too. The keyset is held in memory, as in the routes
 * module's {@code BlobStreamingMain}: with {@code FirmKeysets} the database is read once per firm every few minutes,
 * not per blob, so it has no place in a throughput figure. A 1 GiB object under {@code -Xmx256m} shows that nothing
 * holds a whole object. See {@code benchmarks/README.md}.
 */
public final class DocumentStorageBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentStorageBenchmark.class);

    static final String BUCKET = "documents-benchmark";
    static final String ACCESS_KEY = "matterhub-benchmark-access";
    static final String SECRET_KEY = "matterhub-benchmark-secret";
    /** The application's defaults: 64 KiB segments ({@code Keysets}), 8 MiB parts ({@code StorageProperties}). */
    static final int SEGMENT_SIZE = Keysets.SEGMENT_BYTES;
    static final int PART_SIZE = 8 * 1024 * 1024;
    static final double AIM_RATIO = 0.8;
    private static final byte[] INLINE_AAD = "matterhub-benchmark:tink-directly".getBytes(StandardCharsets.UTF_8);

    private final S3Client s3;
    private final DocumentBlobStore store;
    private final TenantScope firm = TenantScope.system(UUID.randomUUID());
    private final FirmKeyset inlineKeyset;

    private DocumentStorageBenchmark(S3Client s3, DocumentBlobStore store, MemoryKeysets keysets) {
        this.s3 = s3;
        this.store = store;
        this.inlineKeyset = keysets.keyset(firm);
    }

    /** How the downloaded bytes are consumed. */
    enum Reader { DRAIN, SHA256 }

    record Size(long bytes, int objects) {
        String label() {
            return human(bytes) + " x " + objects;
        }
    }

    record Options(List<Size> sizes, int repetitions, boolean onDisk, Path out) {

        static final String USAGE = """
                DocumentStorageBenchmark [--sizes 1MiBx200,64MiBx4,1GiBx1] [--repetitions R] [--store disk|memory]
                                         [--out FILE]
                  --sizes S         object size x objects per repetition, comma-separated
                                    (default 1MiBx200,64MiBx4,1GiBx1)
                  --repetitions R   measured repetitions per size, after one warm-up           (default 5)
                  --store W         where S3Proxy keeps objects: disk (under benchmarks/target) or memory (default disk)
                  --out FILE        JSON report         (default benchmarks/target/document-storage-benchmark.json)
                """;

        static Options parse(String[] args) {
            List<Size> sizes = parseSizes("1MiBx200,64MiBx4,1GiBx1");
            int repetitions = 5;
            boolean onDisk = true;
            Path module = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of(".");
            Path out = module.resolve("target").resolve("document-storage-benchmark.json").normalize();
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null && !args[i].equals("--help") && !args[i].equals("-h")) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--sizes" -> sizes = parseSizes(value);
                    case "--repetitions" -> repetitions = Integer.parseInt(value);
                    case "--store" -> onDisk = switch (value) {
                        case "disk" -> true;
                        case "memory" -> false;
                        default -> throw new IllegalArgumentException("--store takes disk or memory: " + value);
                    };
                    case "--out" -> out = Path.of(value);
                    case "--help", "-h" -> throw new IllegalArgumentException("");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (repetitions < 1) {
                throw new IllegalArgumentException("--repetitions must be at least 1");
            }
            return new Options(sizes, repetitions, onDisk, out);
        }

        private static List<Size> parseSizes(String spec) {
            List<Size> sizes = new ArrayList<>();
            for (String one : spec.split(",")) {
                String[] parts = one.trim().toLowerCase(Locale.ROOT).split("x");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("a size is <bytes>x<objects>, e.g. 64MiBx4: " + one);
                }
                String b = parts[0].trim();
                long unit = b.endsWith("gib") ? 1L << 30 : b.endsWith("mib") ? 1L << 20
                        : b.endsWith("kib") ? 1L << 10 : 1;
                long bytes = Long.parseLong(unit == 1 ? b : b.substring(0, b.length() - 3)) * unit;
                int objects = Integer.parseInt(parts[1].trim());
                if (bytes < 1 || objects < 1) {
                    throw new IllegalArgumentException("sizes and counts must be positive: " + one);
                }
                sizes.add(new Size(bytes, objects));
            }
            return sizes;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        quietLibraryLogs();
        long started = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> env = BenchSupport.environment();
        env.put("object_store", "S3Proxy 2.6.0 in this JVM on loopback, "
                + (options.onDisk() ? "filesystem" : "transient (heap)"));
        env.put("encryption", "Tink streaming AEAD, AES-256-GCM-HKDF-SHA256");
        env.put("segment_size", SEGMENT_SIZE);
        env.put("part_size", PART_SIZE);
        env.put("repetitions", options.repetitions());
        results.put("environment", env);

        Path work = options.out().toAbsolutePath().getParent().resolve("s3-benchmark-" + System.currentTimeMillis());
        Files.createDirectories(work);
        boolean failed = false;
        try (S3ProxyBenchServer server = S3ProxyBenchServer.start(options.onDisk() ? work : null)) {
            StorageProperties properties = new StorageProperties(server.endpoint(), "us-east-1", BUCKET, ACCESS_KEY,
                    SECRET_KEY, true, PART_SIZE);
            try (S3Client s3 = StorageConfiguration.s3Client(properties);
                 DefaultCamelContext camel = new DefaultCamelContext()) {
                s3.createBucket(CreateBucketRequest.builder().bucket(BUCKET).build());
                camel.start();
                MemoryKeysets keysets = new MemoryKeysets();
                try (DocumentBlobStore store = new DocumentBlobStore(s3, camel, properties, keysets)) {
                    DocumentStorageBenchmark bench = new DocumentStorageBenchmark(s3, store, keysets);
                    progress("warming up the JIT (AES-GCM and SHA-256 intrinsics)");
                    bench.warmUpCrypto();
                    Map<String, Object> sizes = new LinkedHashMap<>();
                    for (Size size : options.sizes()) {
                        try {
                            sizes.put(size.label(), bench.measure(size, options.repetitions()));
                        } catch (Exception | AssertionError e) {
                            LOG.error("Measurement of {} failed", size.label(), e);
                            sizes.put(size.label(), Map.of("error", e.toString()));
                            failed = true;
                        }
                    }
                    results.put("sizes", sizes);
                }
            }
        } finally {
            deleteTree(work);
        }
        results.put("total_seconds", DocumentStorageReport.round((System.nanoTime() - started) / 1e9, 1));
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().toFile(), results);
        LOG.info("{}JSON: {}", DocumentStorageReport.render(results), options.out().toAbsolutePath());
        System.exit(failed ? 1 : 0);
    }

    /** One size: uploads the objects once per side, then times every operation over all of them per repetition. */
    private Map<String, Object> measure(Size size, int repetitions) throws IOException {
        String expected = consume(new PatternStream(size.bytes(), size.bytes()), Reader.SHA256);
        progress("%s: uploading the objects read through Tink directly (not timed)", size.label());
        for (int i = 0; i < size.objects(); i++) {
            Path sealed = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "sealed", ".bin");
            try {
                try (OutputStream out = inlineKeyset.aead().newEncryptingStream(Files.newOutputStream(sealed),
                        INLINE_AAD)) {
                    new PatternStream(size.bytes(), size.bytes()).transferTo(out);
                }
                try (InputStream in = Files.newInputStream(sealed)) {
                    rawPut(inlineKey(size, i), in, Files.size(sealed));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } finally {
                Files.deleteIfExists(sealed);
            }
        }
        DocumentStorageReport.Series putStore = new DocumentStorageReport.Series();
        DocumentStorageReport.Series putRaw = new DocumentStorageReport.Series();
        Map<Reader, DocumentStorageReport.Series[]> gets = new LinkedHashMap<>();
        for (Reader reader : Reader.values()) {
            gets.put(reader, new DocumentStorageReport.Series[] {new DocumentStorageReport.Series(),
                new DocumentStorageReport.Series(), new DocumentStorageReport.Series()});
        }
        for (int rep = 0; rep <= repetitions; rep++) {
            boolean warmUp = rep == 0;
            boolean storeFirst = rep % 2 == 1;
            progress("%s: %s", size.label(), warmUp ? "warm-up" : "repetition " + rep + " of " + repetitions
                    + (storeFirst ? " (store first)" : " (raw first)"));
            double a = storeFirst ? putStore(size, expected) : putRaw(size);
            double b = storeFirst ? putRaw(size) : putStore(size, expected);
            if (!warmUp) {
                putStore.add(storeFirst ? a : b);
                putRaw.add(storeFirst ? b : a);
            }
            for (Reader reader : Reader.values()) {
                DocumentStorageReport.Series[] s = gets.get(reader);
                double[] t = new double[3];
                int[] order = storeFirst ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
                for (int which : order) {
                    t[which] = get(size, which, reader, expected);
                }
                if (!warmUp) {
                    for (int which = 0; which < 3; which++) {
                        s[which].add(t[which]);
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object_bytes", size.bytes());
        out.put("objects", size.objects());
        out.put("upload", DocumentStorageReport.compare(putStore, putRaw, null));
        for (Reader reader : Reader.values()) {
            DocumentStorageReport.Series[] s = gets.get(reader);
            out.put(reader == Reader.DRAIN ? "download_drain" : "download_sha256", DocumentStorageReport.compare(s[0], s[1], s[2]));
        }
        return out;
    }

    private double putStore(Size size, String expected) {
        long start = System.nanoTime();
        for (int i = 0; i < size.objects(); i++) {
            StoredBlob stored = store.put(firm, storeKey(size, i), new PatternStream(size.bytes(), size.bytes()),
                    size.bytes());
            if (stored.size() != size.bytes() || !stored.sha256().equals(expected)) {
                throw new IllegalStateException("The store reported " + stored + " for " + size.label());
            }
        }
        return mibPerSecond(size, start);
    }

    private double putRaw(Size size) {
        long start = System.nanoTime();
        for (int i = 0; i < size.objects(); i++) {
            rawPut(rawKey(size, i), new PatternStream(size.bytes(), size.bytes()), size.bytes());
        }
        return mibPerSecond(size, start);
    }

    /** {@code which}: 0 the store's get, 1 raw GetObject, 2 GetObject of a sealed object read through Tink directly. */
    private double get(Size size, int which, Reader reader, String expected) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < size.objects(); i++) {
            InputStream in = switch (which) {
                case 0 -> store.get(firm, storeKey(size, i), Optional.empty());
                case 1 -> rawGet(rawKey(size, i));
                default -> tinkDirectly(rawGet(inlineKey(size, i)));
            };
            String got = consume(in, reader);
            String want = reader == Reader.SHA256 ? expected : Long.toString(size.bytes());
            if (!got.equals(want)) {
                throw new IllegalStateException("Download " + which + " of " + size.label() + " read " + got
                        + ", expected " + want);
            }
        }
        return mibPerSecond(size, start);
    }

    /**
     * The requests Camel's aws2-s3 producer sends for the store ({@code AWS2S3Producer.processMultiPart}): one
     * {@code PutObject} below the part size, else a multipart upload in parts of the part size.
     */
    private void rawPut(String key, InputStream in, long length) {
        if (length < PART_SIZE) {
            s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength(length).build(),
                    RequestBody.fromInputStream(in, length));
            return;
        }
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(BUCKET).key(key)
                .build()).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long sent = 0; sent < length; ) {
            long part = Math.min(PART_SIZE, length - sent);
            int number = parts.size() + 1;
            String etag = s3.uploadPart(UploadPartRequest.builder().bucket(BUCKET).key(key).uploadId(uploadId)
                    .partNumber(number).contentLength(part).build(), RequestBody.fromInputStream(in, part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            sent += part;
        }
        s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
    }

    private InputStream rawGet(String key) {
        return s3.getObject(GetObjectRequest.builder().bucket(BUCKET).key(key).build());
    }

    private static String storeKey(Size size, int i) {
        return "bench/" + size.bytes() + "/" + i;
    }

    private static String rawKey(Size size, int i) {
        return "raw/" + size.bytes() + "/" + i;
    }

    private static String inlineKey(Size size, int i) {
        return "inline/" + size.bytes() + "/" + i;
    }

    private InputStream tinkDirectly(InputStream sealed) {
        try {
            return inlineKeyset.aead().newDecryptingStream(sealed, INLINE_AAD);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * AES-GCM and SHA-256 run as CPU intrinsics only once C2 compiled their callers (some 10,000 calls); cold, the
     * first few hundred MiB encrypt at ~100 MiB/s. 64 KiB segments make many calls quickly.
     */
    private void warmUpCrypto() throws IOException {
        for (int i = 0; i < 4; i++) {
            java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream();
            try (OutputStream out = inlineKeyset.aead().newEncryptingStream(sealed, INLINE_AAD)) {
                new PatternStream(i, 8L << 20).transferTo(out);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            consume(tinkDirectly(new java.io.ByteArrayInputStream(sealed.toByteArray())), Reader.SHA256);
        }
    }

    /**
     * Reads {@code in} to its end with {@code transferTo}, as the portal's download endpoint does, and closes it: the
     * SHA-256 (hex) of what it read, or with DRAIN (a sink that discards) its length.
     */
    static String consume(InputStream in, Reader reader) throws IOException {
        try (in) {
            if (reader == Reader.DRAIN) {
                return Long.toString(in.transferTo(OutputStream.nullOutputStream()));
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double mibPerSecond(Size size, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return size.bytes() * (double) size.objects() / (1 << 20) / seconds;
    }

    static String human(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    private static void progress(String format, Object... args) {
        LOG.info(String.format(Locale.ROOT, format, args));
    }

    /**
     * Nothing configures Logback here (no Spring Boot), and its default logs everything at DEBUG, HTTP wire logs
     * included, which would be the benchmark's bottleneck: the libraries log at WARN, this class at INFO.
     */
    private static void quietLibraryLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            logback.getLogger(DocumentStorageBenchmark.class).setLevel(Level.INFO);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Firm keysets in memory (one per firm), as the routes module's storage tests hold them. */
    static final class MemoryKeysets implements Keysets {
        private final Map<UUID, FirmKeyset> keysets = new ConcurrentHashMap<>();

        @Override
        public FirmKeyset keyset(TenantScope scope) {
            return keysets.computeIfAbsent(scope.firmId(), firm -> Keysets.primitive(firm, Keysets.newKeyset()));
        }
    }


}
