package org.matterhub.routes.storage;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.matterhub.store.blob.BlockInputStream;

/**
 * The ciphertext of a plaintext stream, to be read by an upload: Tink's encrypting stream turned inside out, so the
 * S3 client pulls ciphertext instead of us pushing plaintext. Each read pulls at most one segment of plaintext,
 * hands it to Tink and serves what Tink wrote; memory stays a segment or two whatever the length.
 *
 * <p>Counts and hashes the plaintext on the way. A declared length is enforced: a source that ends early, or has a
 * byte beyond it, fails the read with an {@link IOException} before the last segment is sealed, so an upload of the
 * wrong bytes can never complete.
 */
final class EncryptingSource extends BlockInputStream {

    private final InputStream plaintext;
    private final long declaredLength;
    private final OutputStream encrypting;
    private final Sink sink = new Sink();
    private final byte[] chunk;
    private final MessageDigest sha256;
    private long plaintextLength;
    private int served;
    private boolean finished;

    EncryptingSource(StreamingAead aead, byte[] associatedData, InputStream plaintext, long declaredLength)
            throws IOException {
        this.plaintext = plaintext;
        this.declaredLength = declaredLength;
        this.chunk = new byte[SegmentLayout.TINK.plaintextPerSegment()];
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.encrypting = aead.newEncryptingStream(sink, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not start encrypting", e);
        }
    }

    @Override
    protected int readBlock(byte[] b, int off, int len) throws IOException {
        while (served == sink.count) {
            if (finished) {
                return -1;
            }
            refill();
        }
        int n = Math.min(len, sink.count - served);
        System.arraycopy(sink.buffer, served, b, off, n);
        served += n;
        return n;
    }

    private void refill() throws IOException {
        sink.count = 0;
        served = 0;
        int want = declaredLength < 0 ? chunk.length : (int) Math.min(chunk.length, declaredLength - plaintextLength);
        int n = want == 0 ? (plaintext.read() < 0 ? -1 : 1) : plaintext.read(chunk, 0, want);
        if (n < 0) {
            if (declaredLength >= 0 && plaintextLength != declaredLength) {
                throw new IOException("The source ended after " + plaintextLength + " bytes, fewer than the declared "
                        + declaredLength);
            }
            encrypting.close();
            finished = true;
        } else if (want == 0) {
            throw new IOException("The source has more bytes than the declared " + declaredLength);
        } else {
            sha256.update(chunk, 0, n);
            encrypting.write(chunk, 0, n);
            plaintextLength += n;
        }
    }

    /** Whether the last segment was sealed: the whole plaintext went through. */
    boolean isFinished() {
        return finished;
    }

    long plaintextLength() {
        return plaintextLength;
    }

    /** SHA-256 of the plaintext; only once {@link #isFinished()}. */
    byte[] sha256() {
        if (!finished) {
            throw new IllegalStateException("The plaintext was not read to its end");
        }
        return sha256.digest();
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
    }

    /** Where Tink writes ciphertext: a buffer read back by {@link #read}, reused for every segment. */
    private static final class Sink extends OutputStream {
        private byte[] buffer = new byte[2 * SegmentLayout.TINK.segmentSize()];
        private int count;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, count + len));
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }
    }
}
