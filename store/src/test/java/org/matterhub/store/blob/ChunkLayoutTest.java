package org.matterhub.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkLayoutTest {

    static final int C = 1024;
    final ChunkLayout layout = new ChunkLayout(C);

    @Test
    void lengthsOnBothSidesAreInverse() throws Exception {
        for (long p = 0; p <= 5 * C + 3; p++) {
            long stored = layout.ciphertextLength(p);
            assertThat(stored).isEqualTo(BlobHeader.BYTES + p + 16 * layout.chunkCount(p));
            assertThat(layout.plaintextLength(stored)).as("plaintext of %d", p).isEqualTo(p);
        }
        assertThat(layout.chunkCount(0)).isEqualTo(1);
        assertThat(layout.chunkCount(C)).isEqualTo(1);
        assertThat(layout.chunkCount(C + 1)).isEqualTo(2);
        long oneTerabyte = 1L << 40;
        assertThat(new ChunkLayout(65536).plaintextLength(new ChunkLayout(65536).ciphertextLength(oneTerabyte)))
                .isEqualTo(oneTerabyte);
    }

    @Test
    void storedLengthsNoBlobCanHaveAreRefused() {
        long[] impossible = {0, BlobHeader.BYTES, BlobHeader.BYTES + 15, BlobHeader.BYTES + C + 16 + 5,
            BlobHeader.BYTES + C + 16 + 16};
        for (long stored : impossible) {
            assertThatThrownBy(() -> layout.plaintextLength(stored)).as("%d bytes", stored)
                    .isInstanceOf(BlobIntegrityException.class);
        }
    }

    @Test
    void aRangeIsCoveredByExactlyTheChunksHoldingIt() {
        long size = 3L * C + 10;
        ChunkLayout.Slice first = layout.covering(size, 0, 0);
        assertThat(first).isEqualTo(new ChunkLayout.Slice(0, 0, BlobHeader.BYTES, BlobHeader.BYTES + C + 16 - 1, 0, 1));

        ChunkLayout.Slice straddle = layout.covering(size, C - 1, C);
        assertThat(straddle.firstChunk()).isZero();
        assertThat(straddle.lastChunk()).isEqualTo(1);
        assertThat(straddle.skip()).isEqualTo(C - 1);
        assertThat(straddle.length()).isEqualTo(2);
        assertThat(straddle.ciphertextLength()).isEqualTo(2L * (C + 16));

        ChunkLayout.Slice tail = layout.covering(size, size - 1, Long.MAX_VALUE);
        assertThat(tail.firstChunk()).isEqualTo(3);
        assertThat(tail.ciphertextLast()).as("ends at the blob's last byte").isEqualTo(layout.ciphertextLength(size) - 1);
        assertThat(tail.length()).isEqualTo(1);
        assertThat(tail.skip()).isEqualTo(9);
    }

    @Test
    void everyRangeMapsInsideTheBlobAndCoversItsBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long size = 1 + random.nextInt(6 * C);
            long first = random.nextInt((int) size);
            long last = first + random.nextInt(3 * C);
            ChunkLayout.Slice s = layout.covering(size, first, last);
            assertThat(s.ciphertextFirst()).isEqualTo(layout.chunkOffset(s.firstChunk()));
            assertThat(s.ciphertextLast()).isLessThan(layout.ciphertextLength(size));
            assertThat(s.firstChunk() * C + s.skip()).isEqualTo(first);
            assertThat(first + s.length() - 1).isEqualTo(Math.min(last, size - 1));
            assertThat((first + s.length() - 1) / C).isEqualTo(s.lastChunk());
        }
    }

    @Test
    void unsatisfiableRangesAreRefused() {
        assertThatThrownBy(() -> layout.covering(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.covering(10, 10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.covering(10, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkLayout(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
