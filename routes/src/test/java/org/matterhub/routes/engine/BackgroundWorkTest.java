package org.matterhub.routes.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;

/**
 * Retries leave the calling (scheduler) thread: the first attempt runs on it, a retry later on the retry scheduler.
 * Only successful outcomes here, which touch no repository (the settled outcomes are covered by the integration tests:
 * DmsSyncIT, FaultsIT, BillingSyncIT).
 */
class BackgroundWorkTest {

    static final UUID FIRM = UUID.randomUUID();
    static final UUID CONNECTION = UUID.randomUUID();
    /** Everything is retriable here. */
    static final ErrorClassifier RETRIABLE = new ErrorClassifier() {
        @Override
        public ErrorClass classify(Throwable t) {
            return ErrorClass.RETRIABLE;
        }
    };

    final BackgroundWork background = new BackgroundWork(null, null, null);

    @AfterEach
    void stop() {
        background.stop();
    }

    @Test
    void aRetriableFailureIsRetriedOnTheRetrySchedulerWhileTheCallerHasReturned() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch callerReturned = new CountDownLatch(1);
        CompletableFuture<Boolean> outcome = background.submit("Vendor", "poll", FIRM, CONNECTION, RETRIABLE, (f, c) -> {
            threads.add(Thread.currentThread().getName());
            if (threads.size() == 1) {
                throw new IllegalStateException("a 503 the first time");
            }
            await(callerReturned);
        });
        // submit() came back after the first attempt, with the retry still to come
        assertThat(outcome).isNotDone();
        callerReturned.countDown();

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(2);
        assertThat(threads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(threads.get(1)).isEqualTo("background-retry");
    }

    @Test
    void aScheduledRunOfWorkWhoseRetryIsPendingIsSkipped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> runs = new CopyOnWriteArrayList<>();
        BackgroundWork.Work work = (f, c) -> {
            runs.add(runs.size() + 1);
            if (runs.size() == 1) {
                throw new IllegalStateException("a 503 the first time");
            }
            await(release);
        };
        CompletableFuture<Boolean> first = background.submit("Vendor", "poll", FIRM, CONNECTION, RETRIABLE, work);
        CompletableFuture<Boolean> second = background.submit("Vendor", "poll", FIRM, CONNECTION, RETRIABLE, work);
        assertThat(second).isCompletedWithValue(false);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).containsExactly(1, 2);
        // once settled, the next scheduled run goes ahead
        assertThat(background.submit("Vendor", "poll", FIRM, CONNECTION, RETRIABLE, (f, c) -> runs.add(3))
                .get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runWaitsForTheOutcomeOfItsRetries() {
        List<Integer> runs = new CopyOnWriteArrayList<>();
        boolean ok = background.run("Vendor", "poll", FIRM, CONNECTION, RETRIABLE, (f, c) -> {
            runs.add(runs.size() + 1);
            if (runs.size() < 3) {
                throw new IllegalStateException("a 503, attempt " + runs.size());
            }
        });
        assertThat(ok).isTrue();
        assertThat(runs).containsExactly(1, 2, 3);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A deadlock PostgreSQL detected is transient: the poll is retried, not parked (no repository is touched here). */
    @Test
    void aDeadlockIsRetriedNotParked() throws Exception {
        ErrorClassifier permanent = new ErrorClassifier() {
        };
        List<Integer> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> outcome = background.submit("Vendor", "poll", FIRM, CONNECTION, permanent, (f, c) -> {
            calls.add(calls.size() + 1);
            if (calls.size() == 1) {
                throw new org.springframework.dao.PessimisticLockingFailureException("ERROR: deadlock detected");
            }
        });
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(calls).containsExactly(1, 2);
        assertThat(permanent.classify(new org.springframework.dao.PessimisticLockingFailureException("x")))
                .as("the vendor's own classifier would have parked it").isEqualTo(org.matterhub.connectors.kernel.ErrorClass.PERMANENT);
    }
}
