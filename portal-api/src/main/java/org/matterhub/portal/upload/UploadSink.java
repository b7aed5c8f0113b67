package org.matterhub.portal.upload;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an inspected upload's bytes go while they are being inspected: a staging area that becomes the
 * stored document only on {@link #commit()}.
 *
 * <p>The inspector writes every byte it has read to the stream returned by {@link #open()} (at most once
 * per inspection), closes that stream, and then calls exactly one of {@link #commit()} (accepted) or
 * {@link #discard()} (rejected, or failed with an exception). {@code discard()} may also be called when the
 * upload was rejected before {@code open()} (a bad file name, a disallowed type), so implementations must
 * treat it as idempotent and safe without an open stream; it must not throw.
 */
public interface UploadSink {

  /** Opens the staging stream. Called at most once, before the first byte is written. */
  OutputStream open() throws IOException;

  /** Makes the staged bytes the stored document. Called once, after the stream is closed. */
  void commit() throws IOException;

  /** Throws away whatever was staged; nothing of the upload may remain. Must not throw. */
  void discard();
}
