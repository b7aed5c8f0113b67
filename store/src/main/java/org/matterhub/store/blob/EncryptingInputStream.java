package org.matterhub.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ciphertext of a plaintext stream, produced as it is read: the header, then one sealed chunk at a time. Holds one
 * chunk of plaintext (plus one byte of look-ahead that tells whether a chunk is the last) and one sealed chunk,
 * whatever the blob's size. Also counts the plaintext and hashes it with SHA-256 on the way through.
 *
 * <p>With a declared length, reading fails with an {@link IOException} as soon as the source proves longer or
 * shorter than declared, so a consumer that uploads the stream aborts instead of storing a different blob.
 */
public final class EncryptingInputStream extends InputStream {

    private final InputStream source;
    private final ChunkSealer sealer;
    private final int chunkSize;
    private final long declaredLength;
    private final MessageDigest sha256;
    private final byte[] plain;
    private final byte[] sealed;
    private int plainCount;
    private int outPos;
    private int outLen;
    private long nextChunk;
    private long plaintextBytes;
    private boolean finished;
    private byte[] digest;

    EncryptingInputStream(InputStream source, ChunkSealer sealer, byte[] encodedHeader, int chunkSize, long declaredLength) {
        this.source = source;
        this.sealer = sealer;
        this.chunkSize = chunkSize;
        this.declaredLength = declaredLength;
        this.plain = new byte[chunkSize + 1];
        this.sealed = new byte[Math.max(BlobHeader.BYTES, chunkSize + ChunkLayout.TAG_BYTES)];
        System.arraycopy(encodedHeader, 0, sealed, 0, BlobHeader.BYTES);
        this.outLen = BlobHeader.BYTES;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
            if (finished) {
                return -1;
            }
            sealNextChunk();
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(sealed, outPos, b, off, n);
        outPos += n;
        return n;
    }

    @Override
    public int available() {
        return outLen - outPos;
    }

    private void sealNextChunk() throws IOException {
        while (plainCount < plain.length) {
            int n = source.read(plain, plainCount, plain.length - plainCount);
            if (n < 0) {
                break;
            }
            plainCount += n;
        }
        boolean last = plainCount <= chunkSize;
        int len = Math.min(plainCount, chunkSize);
        plaintextBytes += len;
        boolean tooLong = plaintextBytes > declaredLength || (!last && plaintextBytes == declaredLength);
        if (declaredLength >= 0 && (tooLong || (last && plaintextBytes != declaredLength))) {
            throw new IOException("The upload has " + (tooLong ? "more" : "fewer")
                    + " bytes than the declared " + declaredLength);
        }
        sha256.update(plain, 0, len);
        outLen = sealer.seal(nextChunk++, last, plain, 0, len, sealed, 0);
        outPos = 0;
        if (last) {
            finished = true;
            digest = sha256.digest();
        } else {
            plain[0] = plain[chunkSize];
            plainCount = 1;
        }
    }

    /** True once the last chunk has been sealed. */
    public boolean isFinished() {
        return finished;
    }

    /** Plaintext bytes consumed so far (the blob's size once {@link #isFinished()}). */
    public long plaintextLength() {
        return plaintextBytes;
    }

    /** SHA-256 of the whole plaintext; available once {@link #isFinished()}. */
    public byte[] sha256() {
        if (!finished) {
            throw new IllegalStateException("The stream has not been read to its end");
        }
        return digest.clone();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
