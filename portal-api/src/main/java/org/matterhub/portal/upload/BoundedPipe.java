package org.matterhub.portal.upload;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A byte pipe from the inspecting thread to one consumer thread, holding at most {@link #CAPACITY} chunks
 * (each at most the inspector's chunk size), so the bytes in flight are bounded whatever the upload's size.
 * The writer blocks while the pipe is full; once the consumer {@linkplain #release() releases} the pipe,
 * writes are dropped, so a consumer that stopped early can never stall the writer.
 */
final class BoundedPipe {

  static final int CAPACITY = 4;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean released;
  private boolean closed;

  /** Copies and enqueues {@code b[off, off+len)}; blocks while full. */
  void write(byte[] b, int off, int len) throws InterruptedIOException {
    if (len > 0 && !closed) {
      put(Arrays.copyOfRange(b, off, off + len));
    }
  }

  /** Signals the end of the stream to the consumer. Idempotent. */
  void close() throws InterruptedIOException {
    if (!closed) {
      closed = true;
      put(END);
    }
  }

  /** Called by the consumer when it will read no more: frees the queue and unblocks the writer. */
  void release() {
    released = true;
    queue.clear();
  }

  private void put(byte[] chunk) throws InterruptedIOException {
    try {
      while (!released && !queue.offer(chunk, 10, TimeUnit.MILLISECONDS)) {
        // waiting for the consumer, which either reads or releases
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while inspecting an upload");
    }
  }

  /** The consumer's side. Read only from one thread. */
  InputStream input() {
    return new InputStream() {
      private byte[] current = new byte[0];
      private int pos;
      private boolean ended;

      @Override
      public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
          return 0;
        }
        while (pos == current.length) {
          if (ended) {
            return -1;
          }
          try {
            current = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while inspecting an upload");
          }
          pos = 0;
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
