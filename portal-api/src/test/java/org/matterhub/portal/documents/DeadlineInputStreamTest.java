package org.matterhub.portal.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An upload body read past its deadline fails, however steadily its bytes trickle in. */
class DeadlineInputStreamTest {

    @Test
    void readsFailOnceTheDeadlineHasPassed() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        InputStream in = new DeadlineInputStream(new ByteArrayInputStream(new byte[100]), Duration.ofMinutes(30), now::get);
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        now.addAndGet(Duration.ofMinutes(30).toNanos());
        assertThat(in.read()).as("exactly at the deadline").isZero();
        now.incrementAndGet();
        assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(DeadlineInputStream.TooSlowException.class);
        assertThatThrownBy(in::read).isInstanceOf(DeadlineInputStream.TooSlowException.class);
    }
}
