package org.matterhub.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-ahead stream over the real decrypting streams (whole blobs and ranges, intact and tampered) and over
 * sources that fail, stall or never end. Every helper runs on a thread of its own, so each test can check that the
 * helper ended and the source was closed.
 */
@Timeout(60)
class ReadAheadInputStreamTest {

    static final int C = 1024;
    static final String AAD = "matterhub-blob:firm-a:documents/read-ahead";
    final ChunkedEnvelopeCipher cipher = new ChunkedEnvelopeCipher(C);
    final ChunkLayout layout = cipher.layout();
    final Random random = new Random(7);
    final DataKey key;
    final List<Thread> helpers = new CopyOnWriteArrayList<>();
    final Executor threadPerHelper = task -> {
        Thread t = new Thread(task, "read-ahead-test-" + helpers.size());
        t.setDaemon(true);
        helpers.add(t);
        t.start();
    };

    ReadAheadInputStreamTest() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        key = new DataKey(UUID.randomUUID(), UUID.randomUUID(), new SecretKeySpec(raw, "AES"));
    }

    @AfterEach
    void everyHelperEnded() throws InterruptedException {
        for (Thread t : helpers) {
            assertThat(ended(t)).as("helper %s ended", t.getName()).isTrue();
        }
    }

    static boolean ended(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(5));
        return !t.isAlive();
    }

    byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    byte[] seal(byte[] plain) throws IOException {
        return cipher.encrypt(new ByteArrayInputStream(plain), plain.length, key, AAD).readAllBytes();
    }

    ReadAheadInputStream ahead(InputStream source, int capacity) {
        return ReadAheadInputStream.start(source, capacity, threadPerHelper, () -> { });
    }

    /** Reads everything with reads of varying sizes (1 byte up to several chunks), as readers do. */
    byte[] readInPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[5 * C];
        int turn = 0;
        while (true) {
            int want = switch (turn++ % 5) {
                case 0 -> 1;
                case 1 -> 13;
                case 2 -> C;
                case 3 -> 5 * C;
                default -> 1 + random.nextInt(3 * C);
            };
            if (want == 1) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                continue;
            }
            int n = in.read(buffer, 0, want);
            if (n < 0) {
                break;
            }
            assertThat(n).as("a read returns at least one byte").isPositive();
            out.write(buffer, 0, n);
        }
        assertThat(in.read()).as("the end stays the end").isEqualTo(-1);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "ring of {0} bytes")
    @ValueSource(ints = {1, 7, C - 1, C, 3 * C, 64 * C})
    void wholeBlobsReadExactlyAsWithoutReadAhead(int capacity) throws Exception {
        for (int size : new int[] {0, 1, C - 1, C, C + 1, 2 * C, 5 * C + 17, 40 * C + 3}) {
            byte[] plain = random(size);
            byte[] sealed = seal(plain);
            CloseCounting source = new CloseCounting(new ByteArrayInputStream(sealed));
            try (InputStream in = ahead(cipher.decrypt(source, AAD, id -> key), capacity)) {
                assertThat(readInPieces(in)).as("%d bytes", size).isEqualTo(plain);
                assertThat(source.closes.get()).as("the helper closed the source at the end, before the reader did")
                        .isEqualTo(1);
            }
            assertThat(source.closes.get()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "ring of {0} bytes")
    @ValueSource(ints = {1, C - 1, 4 * C})
    void transferToWritesExactlyTheBytesThenTheFailure(int capacity) throws Exception {
        for (int size : new int[] {0, 1, C, 5 * C + 17}) {
            byte[] plain = random(size);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream decrypting = cipher.decrypt(new ByteArrayInputStream(seal(plain)), AAD, id -> key);
            try (InputStream in = ahead(decrypting, capacity)) {
                assertThat(in.transferTo(out)).isEqualTo(size);
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(out.toByteArray()).isEqualTo(plain);
        }
        byte[] plain = random(6 * C);
        byte[] tampered = seal(plain);
        tampered[(int) layout.chunkOffset(4) + 99] ^= 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = ahead(cipher.decrypt(new ByteArrayInputStream(tampered), AAD, id -> key), capacity)) {
            assertThatThrownBy(() -> in.transferTo(out)).isInstanceOf(BlobIntegrityException.class);
        }
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(plain, 4 * C));
    }

    @ParameterizedTest(name = "ring of {0} bytes")
    @ValueSource(ints = {100, C, 2 * C + 1, 4 * C})
    void rangesReadExactlyTheirBytes(int capacity) throws Exception {
        int size = 9 * C + 100;
        byte[] plain = random(size);
        byte[] sealed = seal(plain);
        byte[] header = Arrays.copyOf(sealed, BlobHeader.BYTES);
        long[][] edges = {
            {0, 0}, {0, C - 1}, {C - 1, C}, {C, 2L * C - 1}, {C - 3, 6L * C + 2}, {8L * C, size - 1},
            {size - 1, size - 1}, {0, size - 1}, {size - 10, size + 1000}, {1, Long.MAX_VALUE},
        };
        for (int i = 0; i < edges.length + 300; i++) {
            long first = i < edges.length ? edges[i][0] : random.nextInt(size);
            long last = i < edges.length ? edges[i][1] : first + random.nextInt(5 * C);
            ChunkLayout.Slice slice = layout.covering(size, first, last);
            InputStream covering = new ByteArrayInputStream(sealed, (int) slice.ciphertextFirst(),
                    (int) slice.ciphertextLength());
            try (InputStream in = ahead(cipher.decryptRange(header, key, AAD, size, slice, covering), capacity)) {
                assertThat(readInPieces(in)).as("bytes %d-%d", first, last)
                        .isEqualTo(Arrays.copyOfRange(plain, (int) first, (int) Math.min(last, size - 1) + 1));
            }
        }
    }

    @Test
    void aTamperedChunkFailsAfterExactlyTheChunksBeforeIt() throws Exception {
        byte[] plain = random(8 * C + 5);
        byte[] sealed = seal(plain);
        for (int bad = 0; bad < 9; bad++) {
            byte[] tampered = sealed.clone();
            int sealedChunk = layout.plaintextChunkLength(plain.length, bad) + ChunkLayout.TAG_BYTES;
            tampered[(int) layout.chunkOffset(bad) + random.nextInt(sealedChunk)] ^= 0x40;
            try (InputStream in = ahead(cipher.decrypt(new ByteArrayInputStream(tampered), AAD, id -> key), 2 * C)) {
                Received received = drain(in);
                assertThat(received.bytes).as("plaintext released before chunk %d", bad)
                        .isEqualTo(Arrays.copyOf(plain, bad * C));
                assertThat(received.failure).isInstanceOf(BlobIntegrityException.class)
                        .hasMessageContaining("Chunk " + bad);
                assertThatThrownBy(in::read).as("the failure stays").isSameAs(received.failure);
            }
        }
    }

    @Test
    void truncatedReorderedAndExtendedBlobsFail() throws Exception {
        byte[] plain = random(6 * C);
        byte[] sealed = seal(plain);
        int s = layout.sealedChunkSize();
        int c2 = (int) layout.chunkOffset(2);
        int c3 = (int) layout.chunkOffset(3);
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, c2, swapped, c3, s);
        System.arraycopy(sealed, c3, swapped, c2, s);
        byte[] cutAtABoundary = Arrays.copyOf(sealed, (int) layout.chunkOffset(5));
        byte[] cutInsideAChunk = Arrays.copyOf(sealed, sealed.length - 100);
        byte[] extended = Arrays.copyOf(sealed, sealed.length + s);
        System.arraycopy(sealed, c2, extended, sealed.length, s);
        for (byte[] bad : new byte[][] {swapped, cutAtABoundary, cutInsideAChunk, extended}) {
            try (InputStream in = ahead(cipher.decrypt(new ByteArrayInputStream(bad), AAD, id -> key), 3 * C)) {
                Received received = drain(in);
                assertThat(received.failure).isInstanceOf(BlobIntegrityException.class);
                assertThat(plain).startsWith(received.bytes);
            }
        }
        // A ranged read over a tampered chunk fails there too, after the range's earlier bytes.
        byte[] flipped = sealed.clone();
        flipped[c3 + 7] ^= 1;
        ChunkLayout.Slice slice = layout.covering(plain.length, C + 10, 5L * C);
        InputStream covering = new ByteArrayInputStream(flipped, (int) slice.ciphertextFirst(),
                (int) slice.ciphertextLength());
        try (InputStream in = ahead(cipher.decryptRange(Arrays.copyOf(sealed, BlobHeader.BYTES), key, AAD, plain.length,
                slice, covering), C)) {
            Received received = drain(in);
            assertThat(received.bytes).isEqualTo(Arrays.copyOfRange(plain, C + 10, 3 * C));
            assertThat(received.failure).isInstanceOf(BlobIntegrityException.class);
        }
    }

    @Test
    void aFailingSourceFailsTheReaderAfterTheBytesBeforeIt() throws Exception {
        byte[] data = random(10 * C);
        IOException broken = new IOException("connection reset");
        FailingSource source = new FailingSource(data, 7 * C + 3, broken);
        try (InputStream in = ahead(source, 2 * C)) {
            Received received = drain(in);
            assertThat(received.bytes).isEqualTo(Arrays.copyOf(data, 7 * C + 3));
            assertThat(received.failure).isSameAs(broken);
            assertThatThrownBy(in::read).isSameAs(broken);
            assertThat(source.closes.get()).as("the helper closed the failed source").isEqualTo(1);
        }

        IllegalStateException bug = new IllegalStateException("not an IO error");
        try (InputStream in = ahead(new FailingSource(data, 0, bug), C)) {
            assertThatThrownBy(in::read).isSameAs(bug);
        }
        OutOfMemoryError error = new OutOfMemoryError("simulated");
        try (InputStream in = ahead(new FailingSource(data, C, error), C)) {
            assertThat(in.readNBytes(C)).isEqualTo(Arrays.copyOf(data, C));
            assertThatThrownBy(in::read).as("even an Error reaches the reader instead of leaving it waiting")
                    .isSameAs(error);
        }
    }

    @Test
    void aSourceThatFailsToCloseAtItsEndFailsTheLastRead() throws Exception {
        IOException closing = new IOException("could not release the connection");
        InputStream source = new ByteArrayInputStream(random(3 * C)) {
            @Override
            public void close() throws IOException {
                throw closing;
            }
        };
        try (InputStream in = ahead(source, C)) {
            assertThat(in.readNBytes(3 * C)).hasSize(3 * C);
            assertThatThrownBy(in::read).isSameAs(closing);
        }
    }

    @Test
    void theHelperReadsAtMostTheRingAheadOfTheReaderAndResumesAtHalf() throws Exception {
        EndlessSource endless = new EndlessSource();
        try (InputStream in = ahead(endless, 4 * C)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> in.available() == 4 * C);
            assertThat(endless.produced.get()).isEqualTo(4 * C);
            assertThat(in.readNBytes(C)).hasSize(C);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> endless.produced.get() == 4 * C);
            assertThat(in.readNBytes(C)).hasSize(C);
            await().atMost(Duration.ofSeconds(5)).until(() -> endless.produced.get() == 6 * C);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> endless.produced.get() == 6 * C);
        }
        assertThat(endless.closes.get()).isEqualTo(1);
    }

    @Test
    void closingEarlyWhileTheHelperWaitsForRoomClosesTheSourceWithoutAbort() throws Exception {
        EndlessSource endless = new EndlessSource();
        AtomicInteger aborts = new AtomicInteger();
        InputStream in = ReadAheadInputStream.start(endless, 2 * C, threadPerHelper, aborts::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> in.available() == 2 * C);
        assertThat(in.readNBytes(10)).hasSize(10);
        in.close();
        assertThat(endless.produced.get()).as("10 bytes free is too little to wake the helper").isEqualTo(2 * C);
        assertThat(endless.closes.get()).as("closed by the helper before close() returned").isEqualTo(1);
        assertThat(aborts.get()).as("no read to abort").isZero();
        assertThat(ended(helpers.get(0))).isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
        in.close();
        assertThat(endless.closes.get()).isEqualTo(1);
    }

    @Test
    void bytesReadAheadReachTheReaderWhileTheSourceStalls() throws Exception {
        byte[] data = random(10);
        StallingSource stalled = new StallingSource(data);
        try (InputStream in = ReadAheadInputStream.start(stalled, 8 * C, threadPerHelper, stalled::abort)) {
            assertThat(in.readNBytes(10)).as("ten bytes in a ring of %d, the next read never returning", 8 * C)
                    .isEqualTo(data);
        }
        assertThat(stalled.aborted).isTrue();
    }

    @Test
    void closingEarlyWhileTheHelperIsBlockedInAReadAbortsThatRead() throws Exception {
        StallingSource stalled = new StallingSource(random(3 * C));
        InputStream in = ReadAheadInputStream.start(stalled, 8 * C, threadPerHelper, stalled::abort);
        assertThat(in.readNBytes(3 * C)).hasSize(3 * C);
        assertThat(stalled.blocked.await(5, TimeUnit.SECONDS)).as("the helper waits for bytes that never come")
                .isTrue();
        long start = System.nanoTime();
        in.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("abort ended the blocked read at once")
                .isLessThan(Duration.ofSeconds(ReadAheadInputStream.CLOSE_WAIT_SECONDS));
        assertThat(stalled.aborted).isTrue();
        assertThat(stalled.closedAfterAbort).as("closed by the helper, after abort returned").isTrue();
        assertThat(ended(helpers.get(0))).isTrue();
    }

    @Test
    void aReaderWaitingOnAnotherThreadIsReleasedByClose() throws Exception {
        StallingSource stalled = new StallingSource(new byte[0]);
        InputStream in = ReadAheadInputStream.start(stalled, C, threadPerHelper, stalled::abort);
        CountDownLatch failed = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                in.read();
            } catch (IOException e) {
                failed.countDown();
            }
        });
        reader.start();
        assertThat(stalled.blocked.await(5, TimeUnit.SECONDS)).isTrue();
        in.close();
        assertThat(failed.await(5, TimeUnit.SECONDS)).as("the waiting reader gets an IOException").isTrue();
        reader.join();
    }

    @Test
    void anExecutorThatRefusesTheHelperLeavesTheSourceToTheCaller() {
        CloseCounting source = new CloseCounting(new ByteArrayInputStream(new byte[10]));
        Executor refusing = task -> {
            throw new RejectedExecutionException("shut down");
        };
        assertThatThrownBy(() -> ReadAheadInputStream.start(source, C, refusing, () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(source.closes.get()).isZero();
        assertThatThrownBy(() -> ReadAheadInputStream.start(source, 0, threadPerHelper, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargeBlobStreamsThroughASmallRing() throws Exception {
        ChunkedEnvelopeCipher big = new ChunkedEnvelopeCipher();
        long size = 24L * 1024 * 1024 + 3;
        EndlessSource plain = new EndlessSource(size);
        byte[] sealed = big.encrypt(plain, size, key, AAD).readAllBytes();
        long read = 0;
        long sum = 0;
        try (InputStream in = ReadAheadInputStream.start(big.decrypt(new ByteArrayInputStream(sealed), AAD, id -> key),
                3 * ChunkedEnvelopeCipher.DEFAULT_CHUNK_SIZE, threadPerHelper, () -> { })) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    sum += (buffer[i] & 0xff) ^ (int) ((read + i) % 251);
                }
                read += n;
            }
        }
        assertThat(read).isEqualTo(size);
        assertThat(sum).as("every byte where EndlessSource put it").isZero();
    }

    record Received(byte[] bytes, Throwable failure) {
    }

    /** Everything the stream gives before it fails (or ends), and the failure. */
    static Received drain(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[777];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return new Received(out.toByteArray(), null);
        } catch (IOException | RuntimeException | Error e) {
            return new Received(out.toByteArray(), e);
        }
    }

    static class CloseCounting extends java.io.FilterInputStream {
        final AtomicInteger closes = new AtomicInteger();

        CloseCounting(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closes.incrementAndGet();
            super.close();
        }
    }

    /** {@code data}, then {@code failure} thrown from the read after {@code failAt} bytes. */
    static final class FailingSource extends InputStream {
        final byte[] data;
        final int failAt;
        final Throwable failure;
        final AtomicInteger closes = new AtomicInteger();
        int position;

        FailingSource(byte[] data, int failAt, Throwable failure) {
            this.data = data;
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == failAt) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) failure;
            }
            int n = Math.min(Math.min(len, 500), failAt - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** Byte {@code i} is {@code i % 251}; endless unless given a length. Counts what it produced. */
    static final class EndlessSource extends InputStream {
        final AtomicLong produced = new AtomicLong();
        final AtomicInteger closes = new AtomicInteger();
        final long length;

        EndlessSource() {
            this(Long.MAX_VALUE);
        }

        EndlessSource(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long at = produced.get();
            if (at >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - at);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((at + i) % 251);
            }
            produced.addAndGet(n);
            return n;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** Gives {@code data}, then blocks as a stalled connection would, until aborted. */
    static final class StallingSource extends InputStream {
        final byte[] data;
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch abort = new CountDownLatch(1);
        volatile boolean aborted;
        volatile boolean closedAfterAbort;
        int position;

        StallingSource(byte[] data) {
            this.data = data;
        }

        void abort() {
            aborted = true;
            abort.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position < data.length) {
                int n = Math.min(len, data.length - position);
                System.arraycopy(data, position, b, off, n);
                position += n;
                return n;
            }
            blocked.countDown();
            try {
                abort.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Socket closed");
        }

        @Override
        public void close() {
            closedAfterAbort = aborted;
        }
    }
}
