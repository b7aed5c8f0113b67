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

    static final class Version {
        final int number;
        final byte[] content;
        final Instant created;
        final String createdBy;
        final String description;
        final String label;

        Version(int number, byte[] content, Instant created, String createdBy, String description, String label) {
            this.number = number;
            this.content = content;
            this.created = created;
            this.createdBy = createdBy;
            this.description = description;
            this.label = label;
        }

        int number() {
            return number;
        }

        byte[] content() {
            return content;
        }

        Instant created() {
            return created;
        }

        String createdBy() {
            return createdBy;
        }

        String description() {
            return description;
        }

        String label() {
            return label;
        }
    }

    static final class LogEntry {
        final Instant at;
        final String action;
        final String id;
        final String name;
        final String type;
        final String user;

        LogEntry(Instant at, String action, String id, String name, String type, String user) {
            this.at = at;
            this.action = action;
            this.id = id;
            this.name = name;
            this.type = type;
            this.user = user;
        }

        Instant at() {
            return at;
        }

        String action() {
            return action;
        }

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        String type() {
            return type;
        }

        String user() {
            return user;
        }
    }
}
