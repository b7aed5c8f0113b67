package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SingleFlightTest {

    @Test
    void concurrentCallersShareOneExecution() throws Exception {
        SingleFlight<String, Integer> flight = new SingleFlight<>();
        AtomicInteger executions = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> flight.run("k", () -> {
                    executions.incrementAndGet();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 42;
                })));
            }
            // wait until the leader runs, then let every other caller queue behind it
            while (!flight.isRunning("k")) {
                Thread.onSpinWait();
            }
            while (flight.waitingCallers("k") < 9) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(42);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(executions.get()).isEqualTo(1);
        assertThat(flight.isRunning("k")).isFalse();
    }

    @Test
    void failuresReachTheCallerAndDoNotStick() {
        SingleFlight<String, Integer> flight = new SingleFlight<>();
        assertThatThrownBy(() -> flight.run("k", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(flight.run("k", () -> 7)).isEqualTo(7);
    }
}
