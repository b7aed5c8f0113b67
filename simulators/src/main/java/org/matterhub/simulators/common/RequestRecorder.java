package org.matterhub.simulators.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Thread-safe, bounded log of received requests (oldest dropped beyond {@link #CAPACITY}), and the requests being
 * handled right now, so a test can wait until a request has arrived instead of guessing how long it takes.
 */
public final class RequestRecorder {

    public static final int CAPACITY = 50_000;

    /** A request that has arrived and is not answered yet. */
    public record InProgress(String method, String path) {
    }

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final java.util.Map<Object, InProgress> inProgress = new java.util.concurrent.ConcurrentHashMap<>();

    /** Notes that a request arrived; {@link #finished} with the same key ends it. */
    public void arrived(Object key, String method, String path) {
        inProgress.put(key, new InProgress(method, path));
    }

    public void finished(Object key) {
        inProgress.remove(key);
    }

    /** The requests being handled now. */
    public List<InProgress> inProgress() {
        return List.copyOf(inProgress.values());
    }

    public synchronized void record(RecordedRequest request) {
        if (requests.size() >= CAPACITY) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    /** Snapshot in arrival order of completion. */
    public synchronized List<RecordedRequest> all() {
        return List.copyOf(new ArrayList<>(requests));
    }

    public synchronized void clear() {
        requests.clear();
    }
}
