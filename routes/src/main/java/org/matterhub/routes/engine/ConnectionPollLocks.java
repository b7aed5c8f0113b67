package org.matterhub.routes.engine;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One poll of a connection at a time in this process, whatever its capability: two would read the same pages from the
 * same cursor. The scheduler, webhook polls, an ops or demo poll on the caller's thread, their retries and a cursor
 * reset (ops backfill) all take the connection's lock; a scheduled fan-out skips a connection that is {@link #busy}
 * rather than wait for it. Across nodes, each capability serialises its page writes in PostgreSQL.
 */
@Component
public class ConnectionPollLocks {

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
