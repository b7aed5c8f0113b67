package org.matterhub.store.blob;

/**
 * Pure arithmetic of the chunked format: where chunk {@code i} lies in the ciphertext, how long a blob is on either
 * side, and which ciphertext bytes cover a plaintext range. A blob of {@code P} plaintext bytes has
 * {@code max(1, ceil(P / chunkSize))} chunks: every chunk but the last holds exactly {@code chunkSize} bytes, the last
 * holds 1..chunkSize bytes (0 only when the blob is empty), and each is followed by its 16-byte GCM tag.
 *
 * @param chunkSize plaintext bytes per chunk
 */
public record ChunkLayout(int chunkSize) {

    public static final int TAG_BYTES = 16;
    public static final int MIN_CHUNK_SIZE = 1024;
    public static final int MAX_CHUNK_SIZE = 8 * 1024 * 1024;
    /** The nonce holds the chunk index as an unsigned 32-bit number. */
    public static final long MAX_CHUNKS = 1L << 32;

    public ChunkLayout {
        checkChunkSize(chunkSize);
    }

    static void checkChunkSize(int chunkSize) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE
                    + " bytes, not " + chunkSize);
        }
    }

    /** Bytes of one full chunk as stored: plaintext plus tag. */
    public int sealedChunkSize() {
        return chunkSize + TAG_BYTES;
    }

    public long chunkCount(long plaintextLength) {
        requireLength(plaintextLength);
        return plaintextLength == 0 ? 1 : (plaintextLength + chunkSize - 1) / chunkSize;
    }

    /** Plaintext bytes of chunk {@code index} of a blob of {@code plaintextLength} bytes. */
    public int plaintextChunkLength(long plaintextLength, long index) {
        long count = chunkCount(plaintextLength);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + count);
        }
        return (int) Math.min(chunkSize, plaintextLength - index * chunkSize);
    }

    public long ciphertextLength(long plaintextLength) {
        return BlobHeader.BYTES + plaintextLength + chunkCount(plaintextLength) * TAG_BYTES;
    }

    /**
     * The plaintext length of a stored blob of {@code ciphertextLength} bytes.
     *
     * @throws BlobIntegrityException when no blob of this layout has that length (it was truncated or extended)
     */
    public long plaintextLength(long ciphertextLength) throws BlobIntegrityException {
        long body = ciphertextLength - BlobHeader.BYTES;
        if (body < TAG_BYTES) {
            throw new BlobIntegrityException("Blob of " + ciphertextLength + " bytes is too short to hold a chunk");
        }
        long full = body / sealedChunkSize();
        long rest = body % sealedChunkSize();
        if (rest == 0) {
            return full * chunkSize;
        }
        if (rest < TAG_BYTES || (rest == TAG_BYTES && full > 0)) {
            throw new BlobIntegrityException("Blob of " + ciphertextLength + " bytes ends inside a chunk tag");
        }
        return full * chunkSize + rest - TAG_BYTES;
    }

    /** Offset of chunk {@code index} in the stored blob. */
    public long chunkOffset(long index) {
        return BlobHeader.BYTES + index * sealedChunkSize();
    }

    /**
     * The chunks, and the ciphertext bytes, that cover plaintext bytes {@code first..last} (inclusive) of a blob of
     * {@code plaintextLength} bytes; {@code last} is clamped to the blob's end.
     *
     * @throws IllegalArgumentException when the range is empty or starts at or after the end (HTTP 416)
     */
    public Slice covering(long plaintextLength, long first, long last) {
        requireLength(plaintextLength);
        if (first < 0 || last < first || first >= plaintextLength) {
            throw new IllegalArgumentException("Range " + first + "-" + last + " is not satisfiable for " + plaintextLength
                    + " bytes");
        }
        long end = Math.min(last, plaintextLength - 1);
        long firstChunk = first / chunkSize;
        long lastChunk = end / chunkSize;
        long ciphertextFirst = chunkOffset(firstChunk);
        long ciphertextLast = chunkOffset(lastChunk) + plaintextChunkLength(plaintextLength, lastChunk) + TAG_BYTES - 1;
        return new Slice(firstChunk, lastChunk, ciphertextFirst, ciphertextLast, first - firstChunk * chunkSize,
                end - first + 1);
    }

    private static void requireLength(long plaintextLength) {
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
    }

    /**
     * A ranged read in ciphertext terms.
     *
     * @param firstChunk      index of the first covering chunk
     * @param lastChunk       index of the last covering chunk
     * @param ciphertextFirst first stored byte to fetch (inclusive)
     * @param ciphertextLast  last stored byte to fetch (inclusive, as in an HTTP Range header)
     * @param skip            plaintext bytes of the first chunk before the range
     * @param length          plaintext bytes in the range
     */
    public record Slice(long firstChunk, long lastChunk, long ciphertextFirst, long ciphertextLast, long skip, long length) {
        public long ciphertextLength() {
            return ciphertextLast - ciphertextFirst + 1;
        }
    }
}
