package org.matterhub.portal.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Keeps the staged bytes in memory (small uploads only) and records what the inspector told it. */
final class RecordingSink implements UploadSink {

  private final ByteArrayOutputStream staged = new ByteArrayOutputStream();
  boolean opened;
  boolean closed;
  boolean committed;
  boolean discarded;

  @Override
  public OutputStream open() {
    opened = true;
    return new OutputStream() {
      @Override
      public void write(int b) {
        staged.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        staged.write(b, off, len);
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  @Override
  public void commit() throws IOException {
    if (!closed) {
      throw new IOException("committed before the stream was closed");
    }
    committed = true;
  }

  @Override
  public void discard() {
    discarded = true;
    staged.reset();
  }

  byte[] stored() {
    return committed ? staged.toByteArray() : new byte[0];
  }
}
