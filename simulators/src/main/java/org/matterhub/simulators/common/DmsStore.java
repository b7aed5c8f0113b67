package org.matterhub.simulators.common;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state a document-management simulator keeps under one lock: its client and matter lookup entries (iManage
 * custom1/custom2, NetDocuments' lookup tables), its containers (workspaces and folders) and its documents, each in
 * creation order. A vendor's store extends it with its own records and renders them in its wire shapes.
 *
 * @param <E> a client or matter entry
 * @param <K> a container's and a document's key
 * @param <C> a container (workspace or folder)
 * @param <D> a document with its versions
 */
public abstract class DmsStore<E, K, C, D> {

    protected final Object lock = new Object();
    protected final MonotonicClock clock;
    /** Client entries by client number. */
    protected final TreeMap<String, E> clients = new TreeMap<>();
    /** Matter entries by {@link #matterKey}. */
    protected final TreeMap<String, E> matters = new TreeMap<>();
    protected final Map<K, C> containers;
    protected final Map<K, D> documents;

    protected DmsStore(MonotonicClock clock, Map<K, C> containers, Map<K, D> documents) {
        this.clock = clock;
        this.containers = containers;
        this.documents = documents;
    }

    /** The key of a client's matter in {@link #matters}. */
    public static String matterKey(String client, String matter) {
        return client + "\u0000" + matter;
    }

    /** Whether the lookup lists hold the client ({@code matter == null}) or the client's matter. */
    public boolean listed(String client, String matter) {
        synchronized (lock) {
            return matter == null ? clients.containsKey(client) : matters.containsKey(matterKey(client, matter));
        }
    }
}
