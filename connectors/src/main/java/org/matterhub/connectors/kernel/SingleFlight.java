package org.matterhub.connectors.kernel;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Collapses concurrent calls for the same key into one execution (Go's {@code singleflight}): the first
 * caller runs the work, callers arriving while it runs wait and receive the same result or exception.
 * A call arriving after completion starts a new execution, so callers must re-check state inside the
 * work (e.g. "has someone already refreshed this token?").
 *
 * <p>Used for OAuth token refresh: ten threads that see 401 at once cause one refresh.
 */
public final class SingleFlight<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} unless a call for {@code key} is already running, in which case waits for it.
     * Unchecked exceptions and errors of the work are rethrown to every waiter as they are.
     */
    public V run(K key, Supplier<V> work) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(work, "work");
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Whether a call for {@code key} is running now (for tests and diagnostics). */
    public boolean isRunning(K key) {
        return inFlight.containsKey(key);
    }

    /** Approximate number of callers waiting on the running call for {@code key} (diagnostics, tests). */
    public int waitingCallers(K key) {
        CompletableFuture<V> f = inFlight.get(key);
        return f == null ? 0 : f.getNumberOfDependents();
    }

    private static <V> V await(CompletableFuture<V> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
