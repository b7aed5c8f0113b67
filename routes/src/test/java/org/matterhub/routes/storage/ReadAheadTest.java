package org.matterhub.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read-ahead helper on its own: exact bytes, a failure after exactly the bytes before it, an early close. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadAheadTest {

    static final int SEGMENT = 1000;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Returns {@code data} at most {@code SEGMENT} bytes a read, then fails if {@code failure} is set. */
    static InputStream segments(byte[] data, IOException failure) {
        return new InputStream() {
            int position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position == data.length) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                int n = Math.min(Math.min(len, SEGMENT - position % SEGMENT), data.length - position);
                System.arraycopy(data, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    @Test
    void everyByteArrivesInOrderWhateverTheReadersBufferSize() throws Exception {
        byte[] data = new byte[SEGMENT * 37 + 123];
        new Random(5).nextBytes(data);
        for (int buffer : new int[] {1, 7, SEGMENT - 1, SEGMENT, 3 * SEGMENT + 1}) {
            try (InputStream in = ReadAhead.start(segments(data, null), SEGMENT, 2, threads, () -> { })) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] b = new byte[buffer];
                for (int n; (n = in.read(b)) >= 0; ) {
                    out.write(b, 0, n);
                }
                assertThat(out.toByteArray()).as("reader buffer %d", buffer).isEqualTo(data);
            }
        }
    }

    @Test
    void aFailureReachesTheReaderAfterExactlyTheBytesBeforeIt() throws Exception {
        byte[] data = new byte[SEGMENT * 9 + 10];
        new Random(6).nextBytes(data);
        IOException failure = new BlobIntegrityException("Chunk 9 failed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = ReadAhead.start(segments(data, failure), SEGMENT, 3, threads, () -> { })) {
            byte[] b = new byte[333];
            assertThatThrownBy(() -> {
                for (int n; (n = in.read(b)) >= 0; ) {
                    out.write(b, 0, n);
                }
            }).isSameAs(failure);
        }
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void closingEarlyAbortsTheSourceAndWaitsForTheHelper() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicBoolean sourceClosed = new AtomicBoolean();
        InputStream stalling = new InputStream() {
            boolean first = true;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (first) {
                    first = false;
                    Arrays.fill(b, off, off + len, (byte) 1);
                    return len;
                }
                try {
                    if (aborted.await(10, TimeUnit.SECONDS)) {
                        throw new IOException("connection dropped");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("never aborted");
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        InputStream in = ReadAhead.start(stalling, SEGMENT, 2, threads, aborted::countDown);
        assertThat(in.read()).isEqualTo(1);
        in.close();
        assertThat(aborted.getCount()).as("the connection was dropped").isZero();
        assertThat(sourceClosed).as("the helper closed the source before close returned").isTrue();
    }
}
