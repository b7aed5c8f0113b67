package org.matterhub.routes.storage;

import org.matterhub.store.blob.Keysets;

/**
 * Where plaintext bytes lie in a blob sealed by Tink's AES-GCM-HKDF streaming AEAD ({@link Keysets#PARAMETERS}):
 * a {@value #HEADER_BYTES}-byte header (length byte, 32-byte salt, 7-byte nonce prefix), then segments of
 * {@code segmentSize} ciphertext bytes each ending in a {@value #TAG_BYTES}-byte tag; segment 0 shares its
 * {@code segmentSize} with the header, the last segment may be shorter. The arithmetic is Tink's own (its seekable
 * decrypting channel computes the same); here it tells which stored bytes a plaintext range needs and how long a
 * blob will be before it is written.
 *
 * @param segmentSize ciphertext bytes per segment
 */
record SegmentLayout(int segmentSize) {

    static final int HEADER_BYTES = 1 + 32 + 7;
    static final int TAG_BYTES = 16;
    static final SegmentLayout TINK = new SegmentLayout(Keysets.SEGMENT_BYTES);

    SegmentLayout {
        if (segmentSize <= HEADER_BYTES + TAG_BYTES) {
            throw new IllegalArgumentException("Segments of " + segmentSize + " bytes hold no plaintext");
        }
    }

    /** Plaintext bytes in a full segment but the first. */
    int plaintextPerSegment() {
        return segmentSize - TAG_BYTES;
    }

    /** The segment holding plaintext byte {@code position}. */
    long segmentOf(long position) {
        return (position + HEADER_BYTES) / plaintextPerSegment();
    }

    /** The plaintext offset of segment {@code segment}'s first byte. */
    long plaintextStart(long segment) {
        return segment == 0 ? 0 : segment * plaintextPerSegment() - HEADER_BYTES;
    }

    /** The stored offset of segment {@code segment}'s first byte (segment 0's follow the header). */
    long ciphertextStart(long segment) {
        return segment == 0 ? HEADER_BYTES : segment * segmentSize;
    }

    /** The stored offset just past segment {@code segment} in a blob of {@code ciphertextLength} bytes. */
    long ciphertextEnd(long segment, long ciphertextLength) {
        return Math.min((segment + 1) * segmentSize, ciphertextLength);
    }

    /** Stored bytes of a blob of {@code plaintextLength} bytes (the last segment is never empty unless the blob is). */
    long ciphertextLength(long plaintextLength) {
        long segments = plaintextLength == 0 ? 1 : segmentOf(plaintextLength - 1) + 1;
        return HEADER_BYTES + plaintextLength + segments * TAG_BYTES;
    }

    /**
     * Plaintext bytes of a blob stored in {@code ciphertextLength} bytes.
     *
     * @throws BlobIntegrityException when no blob of this layout has that length (it was truncated or extended)
     */
    long plaintextLength(long ciphertextLength) throws BlobIntegrityException {
        long segments = (ciphertextLength + segmentSize - 1) / segmentSize;
        long last = ciphertextLength - (segments - 1) * segmentSize;
        long plaintext = ciphertextLength - HEADER_BYTES - segments * TAG_BYTES;
        if (segments == 0 || last < TAG_BYTES + (segments == 1 ? HEADER_BYTES : 0) || plaintext < 0) {
            throw new BlobIntegrityException("No blob is " + ciphertextLength + " bytes long: it was truncated or extended");
        }
        return plaintext;
    }
}
