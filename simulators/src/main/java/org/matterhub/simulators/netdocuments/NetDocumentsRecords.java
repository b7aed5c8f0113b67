package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SampleFiles;
import java.time.Instant;
import org.matterhub.simulators.common.DmsDocument;
import org.matterhub.simulators.common.Stamp;
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
        /** LookupEntryBody fields stored and answered as sent ({@code closed} keeps its {@code /Date(…)/} text). */
        static final List<String> KEPT_AS_SENT = List.of("closed", "defaulting");
        final Map<String, String> keptAsSent = new LinkedHashMap<>();
        String description;
        boolean hold;

        Entry(String key, String parent) {
            this.key = key;
            this.parent = parent;
        }
    }

    /**
     * A workspace (of a client's matter) or a folder in one; {@code parent} is null for a workspace. Folders
     * inherit their workspace's client and matter.
     */
    record Container(String id, boolean isWorkspace, String name, Stamp created, String parent, String workspace,
                     String client, String matter) {

        static Container workspace(String id, String name, Stamp created, String client, String matter) {
            return new Container(id, true, name, created, null, id, client, matter);
        }

        Container folder(String folderId, String folderName, Stamp at) {
            return new Container(folderId, false, folderName, at, id, workspace, client, matter);
        }
    }

    static final class Doc extends DmsDocument<Version> {
        final String id;
        final Stamp created;
        final Map<Integer, String> attributes = new LinkedHashMap<>();
        String container;
        int official;
        Stamp modified;
        boolean deleted;

        Doc(String id, Stamp created) {
            this.id = id;
            this.created = created;
            this.modified = created;
        }

        @Override
        protected String describe() {
            return "document " + id;
        }
    }

    record Version(int number, byte[] content, Instant created, String createdBy, String description, String label) {
    }

    record LogEntry(Instant at, String action, String id, String name, String type, String user) {
    }
}
