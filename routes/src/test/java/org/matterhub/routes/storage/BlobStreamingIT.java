package org.matterhub.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A large document streams through the blob store in a JVM whose heap is far smaller than the document: by default
 * 128 MiB under {@code -Xmx64m}; the full check is 1 GiB under {@code -Xmx256m}
 * ({@code -Dmatterhub.blob-streaming.bytes=1073741824 -Dmatterhub.blob-streaming.heap=256m}, see the README of
 * {@code org.matterhub.routes.storage}). S3Proxy runs in this JVM with blobs on disk; the child JVM runs
 * {@link BlobStreamingMain} and must finish without running out of memory, with every SHA-256 equal.
 */
class BlobStreamingIT {

    static final long BYTES = Long.getLong("matterhub.blob-streaming.bytes", 128L * 1024 * 1024);
    static final String HEAP = System.getProperty("matterhub.blob-streaming.heap", "64m");

    @TempDir
    Path blobs;

    @Test
    void aDocumentMuchLargerThanTheHeapStreamsThroughEncryptedStorage() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.onDisk(blobs)) {
            StorageProperties properties = server.properties("streaming");
            try (S3Client client = server.clientWithBucket(properties)) {
                Path log = Files.createTempFile("blob-streaming", ".log");
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), BlobStreamingMain.class.getName(),
                        server.endpoint().toString(), properties.bucket(), Long.toString(BYTES))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                boolean exited = child.waitFor(15, TimeUnit.MINUTES);
                if (!exited) {
                    child.destroyForcibly();
                }
                String result = resultLine(log);
                System.out.println("Blob streaming, " + BYTES + " bytes, -Xmx" + HEAP + ": " + result);
                assertThat(exited).as("finished in time; log %s", log).isTrue();
                assertThat(child.exitValue()).as("exit status; log %s", log).isZero();
                assertThat(result).contains("ok=true", "bytes=" + BYTES);
            }
        }
    }

    private static String resultLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElse("no RESULT line; last lines: " + lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
