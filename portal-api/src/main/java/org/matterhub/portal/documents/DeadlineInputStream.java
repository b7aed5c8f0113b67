package org.matterhub.portal.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A request body that must arrive whole within a time: every read after the deadline fails with
 * {@link TooSlowException}. (A read that blocks is ended by the server's own idle timeout.)
 */
final class DeadlineInputStream extends FilterInputStream {

    /** The body took longer than its deadline. */
    static final class TooSlowException extends IOException {
        TooSlowException(Duration limit) {
            super("The request took longer than " + limit + ".");
        }
    }

    private final LongSupplier nanoTime;
    private final long deadline;
    private final Duration limit;

    DeadlineInputStream(InputStream in, Duration limit, LongSupplier nanoTime) {
        super(in);
        this.nanoTime = nanoTime;
        this.limit = limit;
        this.deadline = nanoTime.getAsLong() + limit.toNanos();
    }

    private void check() throws TooSlowException {
        if (nanoTime.getAsLong() - deadline > 0) {
            throw new TooSlowException(limit);
        }
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        return super.skip(n);
    }
}
