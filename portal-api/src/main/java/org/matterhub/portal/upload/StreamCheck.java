package org.matterhub.portal.upload;

import java.io.IOException;

/**
 * One rule applied to the upload as it streams past. Implementations hold bounded state only: the
 * inspector feeds every byte exactly once, in order, and never keeps the stream.
 */
interface StreamCheck {

  /** Feeds the next bytes; refuses as soon as they settle the verdict. */
  void update(byte[] b, int off, int len) throws Refusal, IOException;

  /** Called once after the last byte; refuses if the content as a whole fails the rule. */
  default void finish() throws Refusal, IOException {}

  /** Releases resources after an early stop or failure; must not throw. Called after {@link #finish} too. */
  default void close() {}
}
