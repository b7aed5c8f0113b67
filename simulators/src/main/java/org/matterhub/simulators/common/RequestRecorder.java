package org.matterhub.simulators.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Thread-safe, bounded log of received requests (oldest dropped beyond {@link #CAPACITY}). */
public final class RequestRecorder {

    public static final int CAPACITY = 50_000;

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

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
