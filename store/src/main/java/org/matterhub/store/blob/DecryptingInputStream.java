package org.matterhub.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Plaintext of sealed chunks, opened one at a time as the reader pulls; a chunk's bytes are released only after its
 * tag verified. Two modes: a whole blob, where one byte of look-ahead finds the last chunk (so a blob cut at a chunk
 * boundary fails: its new last chunk was not sealed as last); or a run of chunks of a blob whose plaintext length is
 * known (a ranged read), where every chunk's length and last-marker follow from the layout. A read with room for a
 * whole chunk, when no opened bytes are pending, gets the chunk opened straight into its array; smaller reads are
 * served from a buffer of one chunk.
 */
final class DecryptingInputStream extends InputStream {

    private final InputStream source;
    private final ChunkSealer sealer;
    private final ChunkLayout layout;
    private final long plaintextLength;
    private final long lastChunkToRead;
    private final byte[] in;
    private final byte[] out;
    private long nextChunk;
    private long skip;
    private long remaining;
    private int carry;
    private int outPos;
    private int outLen;
    private boolean done;

    /** Whole blob after its header: chunks 0.. until the source ends. */
    DecryptingInputStream(InputStream source, ChunkSealer sealer, ChunkLayout layout) {
        this(source, sealer, layout, -1, 0, -1, 0, -1);
    }

    /** Chunks {@code firstChunk..lastChunk} of a blob of {@code plaintextLength} bytes, trimmed to skip and length. */
    DecryptingInputStream(InputStream source, ChunkSealer sealer, ChunkLayout layout, long plaintextLength,
                          long firstChunk, long lastChunk, long skip, long length) {
        this.source = source;
        this.sealer = sealer;
        this.layout = layout;
        this.plaintextLength = plaintextLength;
        this.nextChunk = firstChunk;
        this.lastChunkToRead = lastChunk;
        this.skip = skip;
        this.remaining = length;
        this.in = new byte[layout.sealedChunkSize() + 1];
        this.out = new byte[layout.chunkSize()];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == outLen) {
            if (remaining == 0 || done) {
                return -1;
            }
            if (skip == 0 && len >= layout.chunkSize() && (remaining < 0 || remaining >= layout.chunkSize())) {
                int opened = openInto(b, off);
                if (opened > 0) {
                    if (remaining > 0) {
                        remaining -= opened;
                    }
                    return opened;
                }
                continue; // the only chunk of an empty blob
            }
            int opened = openNextChunk(out, 0);
            outPos = (int) Math.min(skip, opened);
            skip -= outPos;
            outLen = remaining < 0 ? opened : (int) Math.min(opened, outPos + remaining);
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        if (remaining > 0) {
            remaining -= n;
        }
        return n;
    }

    /**
     * The next chunk opened straight into the reader's array, which has room for a whole chunk all of which is
     * wanted: one copy fewer. If the chunk fails, nothing of it is returned and the region is zeroed.
     */
    private int openInto(byte[] b, int off) throws IOException {
        try {
            return openNextChunk(b, off);
        } catch (BlobIntegrityException e) {
            Arrays.fill(b, off, off + layout.chunkSize(), (byte) 0);
            throw e;
        }
    }

    @Override
    public int available() {
        return outLen - outPos;
    }

    /** Reads, authenticates and opens the next chunk into {@code target} at {@code offset}; its plaintext length. */
    private int openNextChunk(byte[] target, int offset) throws IOException {
        boolean last;
        int sealedLength;
        if (plaintextLength >= 0) {
            last = nextChunk == layout.chunkCount(plaintextLength) - 1;
            sealedLength = layout.plaintextChunkLength(plaintextLength, nextChunk) + ChunkLayout.TAG_BYTES;
            int n = fill(0, sealedLength);
            if (n < sealedLength) {
                throw new BlobIntegrityException("Blob truncated inside chunk " + nextChunk);
            }
        } else {
            int n = fill(carry, in.length);
            last = n < in.length;
            sealedLength = last ? n : layout.sealedChunkSize();
            if (sealedLength < ChunkLayout.TAG_BYTES) {
                throw new BlobIntegrityException("Blob truncated inside chunk " + nextChunk);
            }
        }
        int opened = sealer.open(nextChunk, last, in, 0, sealedLength, target, offset);
        if (plaintextLength < 0 && !last) {
            in[0] = in[sealedLength];
            carry = 1;
        }
        nextChunk++;
        done = last || (lastChunkToRead >= 0 && nextChunk > lastChunkToRead);
        return opened;
    }

    private int fill(int from, int to) throws IOException {
        int n = from;
        while (n < to) {
            int r = source.read(in, n, to - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
