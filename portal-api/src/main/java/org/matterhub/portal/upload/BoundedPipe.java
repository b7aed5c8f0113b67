package org.matterhub.portal.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.matterhub.store.blob.BlockInputStream;

/**
 * A byte pipe from one writing thread to one consumer thread, holding at most {@link #CAPACITY} chunks
 * (each at most the writer's chunk size), so the bytes in flight are bounded whatever the upload's size.
 * The inspector tees an upload through one into the ZIP worker; the document store's sink hands an upload
 * through one to the store's write.
 *
 * <p>The writer blocks while the pipe is full; once the consumer {@linkplain #release() releases} the pipe,
 * writes are dropped (and reported as not taken), so a consumer that stopped early can never stall the
 * writer. The writer ends the stream with {@link #close()}, or makes the consumer's next read fail with
 * {@link #abort()}.
 */
public final class BoundedPipe {

  public static final int CAPACITY = 4;
  private static final byte[] END = new byte[0];
  private static final byte[] ABORT = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean released;
  private boolean closed;

  /**
   * Copies and enqueues {@code b[off, off+len)}; blocks while full.
   *
   * @return false when the consumer released the pipe before taking the bytes
   */
  public boolean write(byte[] b, int off, int len) throws InterruptedIOException {
    if (len <= 0 || closed) {
      return !released;
    }
    return put(Arrays.copyOfRange(b, off, off + len));
  }

  /**
   * Signals the end of the stream to the consumer. Idempotent.
   *
   * @return false when the consumer released the pipe before taking the end
   */
  public boolean close() throws InterruptedIOException {
    if (closed) {
      return !released;
    }
    closed = true;
    return put(END);
  }

  /** Drops what is queued and makes the consumer's next read fail, so it keeps nothing. Idempotent. */
  public void abort() throws InterruptedIOException {
    if (!closed) {
      closed = true;
      queue.clear();
      put(ABORT);
    }
  }

  /** Called by the consumer when it will read no more: frees the queue and unblocks the writer. */
  public void release() {
    released = true;
    queue.clear();
  }

  private boolean put(byte[] chunk) throws InterruptedIOException {
    try {
      while (!released) {
        if (queue.offer(chunk, 10, TimeUnit.MILLISECONDS)) {
          return true;
        }
        // waiting for the consumer, which either reads or releases
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while passing an upload between threads");
    }
  }

  /** The consumer's side. Read only from one thread. */
  public InputStream input() {
    return new BlockInputStream() {
      private byte[] current = new byte[0];
      private int pos;
      private boolean ended;

      @Override
      protected int readBlock(byte[] b, int off, int len) throws IOException {
        while (pos == current.length) {
          if (ended) {
            return -1;
          }
          try {
            current = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while passing an upload between threads");
          }
          pos = 0;
          if (current == ABORT) {
            throw new IOException("The upload was refused; nothing is stored");
          }
          if (current == END) {
            ended = true;
          }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
