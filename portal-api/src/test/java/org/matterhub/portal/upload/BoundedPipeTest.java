package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tee to the ZIP worker holds a fixed number of chunks, and a released consumer never stalls the writer. Told by
 * the writer thread's state, not by a stopwatch; every test is bounded by a timeout in case the pipe blocks for good.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedPipeTest {

  @Test
  void writerWaitsForTheConsumerOnceCapacityChunksAreInFlight() throws Exception {
    BoundedPipe pipe = new BoundedPipe();
    byte[] chunk = new byte[UploadInspector.CHUNK];
    for (int i = 0; i < BoundedPipe.CAPACITY; i++) {
      assertThat(pipe.write(chunk, 0, chunk.length)).isTrue();
    }
    AtomicBoolean written = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try {
        pipe.write(chunk, 0, chunk.length);
        written.set(true);
        pipe.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "pipe-writer");
    writer.start();
    // The writer parks waiting for room; an unbounded pipe would take the fifth chunk and the thread would end.
    while (writer.isAlive() && writer.getState() != Thread.State.TIMED_WAITING && writer.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(writer.isAlive()).as("the writer is held while the pipe is full").isTrue();
    assertThat(written).isFalse();

    InputStream in = pipe.input();
    byte[] all = in.readAllBytes();

    writer.join();
    assertThat(written).isTrue();
    assertThat(all).hasSize((BoundedPipe.CAPACITY + 1) * chunk.length);
  }

  @Test
  void releasedPipeDropsWritesInsteadOfBlocking() throws Exception {
    BoundedPipe pipe = new BoundedPipe();
    byte[] chunk = new byte[UploadInspector.CHUNK];
    assertThat(pipe.write(chunk, 0, chunk.length)).isTrue();
    pipe.release();
    // Ten times the capacity would block a pipe that still queued: every write returns at once, reported not taken.
    for (int i = 0; i < 10 * BoundedPipe.CAPACITY; i++) {
      assertThat(pipe.write(chunk, 0, chunk.length)).as("write %d after release", i).isFalse();
    }
    assertThat(pipe.close()).isFalse();
  }
}
