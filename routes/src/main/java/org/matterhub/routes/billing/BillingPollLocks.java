package org.matterhub.routes.billing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One poll of a connection at a time in this process: two would read the same pages from the same cursor. The
 * scheduler, webhook polls and a cursor reset (ops backfill) take the connection's lock; across nodes the page writes
 * are serialised by {@link BillingApplier#lock}.
 */
@Component
public class BillingPollLocks {

    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code work} holding the connection's lock, waiting for a poll that holds it. */
    public <T> T holding(UUID connectionId, Supplier<T> work) {
        ReentrantLock lock = lockOf(connectionId);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a poll of the connection is running now. */
    public boolean busy(UUID connectionId) {
        return lockOf(connectionId).isLocked();
    }

    private ReentrantLock lockOf(UUID connectionId) {
        return locks.computeIfAbsent(connectionId, k -> new ReentrantLock());
    }
}
