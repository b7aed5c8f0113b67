package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SampleFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The records NetDocumentsSimulatorData keeps (mutable, guarded by the data lock). */
final class NetDocumentsRecords {

    private NetDocumentsRecords() {
    }

    static final class Entry {
        final String key;
        final String parent;
        String description;
        boolean hold;
        String closed;
        String defaulting;

        Entry(String key, String parent) {
            this.key = key;
            this.parent = parent;
        }
    }

    static final class Container {
        final String id;
        final boolean isWorkspace;
        final String name;
        final Instant created;
        final String createdBy;
        String parent;
        String workspace;
        String client;
        String matter;

        Container(String id, boolean isWorkspace, String name, Instant created, String createdBy) {
            this.id = id;
            this.isWorkspace = isWorkspace;
            this.name = name;
            this.created = created;
            this.createdBy = createdBy;
        }
    }

    static final class Doc {
        final String id;
        final Instant created;
        final String createdBy;
        final List<Version> versions = new ArrayList<>();
        final Map<Integer, String> attributes = new LinkedHashMap<>();
        String name;
        String extension;
        String container;
        int official;
        Instant modified;
        String modifiedBy;
        boolean deleted;

        Doc(String id, Instant created, String createdBy) {
            this.id = id;
            this.created = created;
            this.createdBy = createdBy;
            this.modified = created;
            this.modifiedBy = createdBy;
        }

        Version version(int n) {
            if (n < 1 || n > versions.size()) {
                throw new IllegalArgumentException("document " + id + " has no version " + n);
            }
            return versions.get(n - 1);
        }
    }

    record Version(int number, byte[] content, Instant created, String createdBy, String description, String label) {
    }

    record LogEntry(Instant at, String action, String id, String name, String type, String user) {
    }
}
