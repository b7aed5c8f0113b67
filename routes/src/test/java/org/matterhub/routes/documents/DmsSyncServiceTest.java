package org.matterhub.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.routes.engine.ConnectionPollLocks;
import org.matterhub.routes.vendor.VendorRegistry;

/**
 * One poll of a document connection at a time: an ops poll on the caller's thread and another (the scheduler's, a
 * retry's) never run together on one connection, while another connection is not held up. The port's adapter here is a
 * probe that counts who is inside it; the flow under test is the real one. Told by thread states and latches, bounded
 * by a timeout.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DmsSyncServiceTest {

    static final UUID FIRM = UUID.randomUUID();

    /** A document sync that holds its first poll of each connection until the test lets it go. */
    static final class Probe implements DocumentSync {
        final Map<UUID, AtomicInteger> inside = new ConcurrentHashMap<>();
        final AtomicInteger mostInsideOneConnection = new AtomicInteger();
        final AtomicInteger polls = new AtomicInteger();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public long poll(UUID firmId, UUID connectionId) {
            int now = inside.computeIfAbsent(connectionId, k -> new AtomicInteger()).incrementAndGet();
            mostInsideOneConnection.accumulateAndGet(now, Math::max);
            try {
                if (polls.incrementAndGet() == 1) {
                    firstEntered.countDown();
                    release.await();
                }
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.get(connectionId).decrementAndGet();
            }
        }

        @Override
        public boolean backfillComplete(UUID firmId, UUID connectionId) {
            return true;
        }

        @Override
        public int reconcile(UUID firmId, UUID connectionId) {
            return 0;
        }

        @Override
        public void resetCursors(UUID firmId, UUID connectionId) {
        }

        @Override
        public ErrorClassifier errors() {
            return new ErrorClassifier() {
            };
        }

        @Override
        public SourceSystem system() {
            return SourceSystem.IMANAGE;
        }

        @Override
        public String displayName() {
            return "Probe DMS";
        }
    }

    final Probe probe = new Probe();
    final BackgroundWork background = new BackgroundWork(null, null, null);
    final ConnectionPollLocks locks = new ConnectionPollLocks();
    final DmsSyncService service = new DmsSyncService(null, new VendorRegistry(List.of(probe)), background, locks);

    @AfterEach
    void stop() {
        background.stop();
    }

    @Test
    void aSecondPollOfTheSameConnectionWaitsForTheFirstWhileAnotherConnectionIsServed() throws Exception {
        UUID connection = UUID.randomUUID();
        String vendor = probe.system().id();
        Thread first = new Thread(() -> service.poll(vendor, FIRM, connection), "ops-poll");
        first.start();
        probe.firstEntered.await();
        assertThat(locks.busy(connection)).isTrue();

        Thread second = new Thread(() -> service.poll(vendor, FIRM, connection), "scheduled-poll");
        second.start();
        while (second.getState() != Thread.State.WAITING && second.isAlive()) {
            Thread.onSpinWait();
        }
        assertThat(second.isAlive()).as("the second poll waits for the connection's lock").isTrue();
        assertThat(probe.polls).hasValue(1);

        // Another connection's poll is not held up by this one.
        assertThat(service.poll(vendor, FIRM, UUID.randomUUID())).isTrue();
        assertThat(probe.polls).hasValue(2);

        probe.release.countDown();
        first.join();
        second.join();
        assertThat(probe.polls).hasValue(3);
        assertThat(probe.mostInsideOneConnection).as("polls inside one connection at once").hasValue(1);
        assertThat(locks.busy(connection)).isFalse();
    }
}
