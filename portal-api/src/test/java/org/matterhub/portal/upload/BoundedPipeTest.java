package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tee to the ZIP worker holds a fixed number of chunks, and a released consumer never stalls the writer. */
class BoundedPipeTest {

  @Test
  void writerWaitsForTheConsumerOnceCapacityChunksAreInFlight() throws Exception {
    BoundedPipe pipe = new BoundedPipe();
    byte[] chunk = new byte[UploadInspector.CHUNK];
    for (int i = 0; i < BoundedPipe.CAPACITY; i++) {
      pipe.write(chunk, 0, chunk.length);
    }
    CompletableFuture<Void> oneMore = CompletableFuture.runAsync(() -> {
      try {
        pipe.write(chunk, 0, chunk.length);
        pipe.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    // An unbounded pipe would take the fifth chunk at once.
    assertThat(oneMore).failsWithin(200, TimeUnit.MILLISECONDS);

    InputStream in = pipe.input();
    byte[] all = in.readAllBytes();

    oneMore.get(10, TimeUnit.SECONDS);
    assertThat(all).hasSize((BoundedPipe.CAPACITY + 1) * chunk.length);
  }

  @Test
  void releasedPipeDropsWritesInsteadOfBlocking() throws Exception {
    BoundedPipe pipe = new BoundedPipe();
    pipe.release();
    byte[] chunk = new byte[UploadInspector.CHUNK];
    for (int i = 0; i < 10 * BoundedPipe.CAPACITY; i++) {
      pipe.write(chunk, 0, chunk.length);
    }
    pipe.close();
  }
}
