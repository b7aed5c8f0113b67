package org.matterhub.store.blob;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the ciphertext of everything written to it into a sink: the header at once, each chunk when the chunk
 * after it begins (so the last one can be marked), the last on {@link #close()}. Holds one chunk of plaintext and
 * one sealed chunk. Closing closes the sink; a stream that is never closed leaves a blob without its last chunk,
 * which does not decrypt.
 */
public final class EncryptingOutputStream extends OutputStream {

    private final OutputStream sink;
    private final ChunkSealer sealer;
    private final byte[] plain;
    private final byte[] sealed;
    private int plainCount;
    private long nextChunk;
    private boolean headerWritten;
    private final byte[] header;
    private boolean closed;

    EncryptingOutputStream(OutputStream sink, ChunkSealer sealer, byte[] encodedHeader, int chunkSize) {
        this.sink = sink;
        this.sealer = sealer;
        this.header = encodedHeader;
        this.plain = new byte[chunkSize];
        this.sealed = new byte[chunkSize + ChunkLayout.TAG_BYTES];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
        writeHeader();
        while (len > 0) {
            if (plainCount == plain.length) {
                flushChunk(false);
            }
            int n = Math.min(len, plain.length - plainCount);
            System.arraycopy(b, off, plain, plainCount, n);
            plainCount += n;
            off += n;
            len -= n;
        }
    }

    private void writeHeader() throws IOException {
        if (!headerWritten) {
            sink.write(header, 0, BlobHeader.BYTES);
            headerWritten = true;
        }
    }

    private void flushChunk(boolean last) throws IOException {
        int n = sealer.seal(nextChunk++, last, plain, 0, plainCount, sealed, 0);
        sink.write(sealed, 0, n);
        plainCount = 0;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (sink) {
            writeHeader();
            flushChunk(true);
        }
    }
}
