package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.DmsDocument;
import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SampleFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The records ImanageSimulatorData keeps (mutable, guarded by the data lock). */
final class ImanageRecords {

    private ImanageRecords() {
    }

    /** A custom1 (client) or custom2 (matter, {@code parent} = its client) entry. */
    record Custom(String id, String description, String parent) {
    }

    static final class Container {
        final long number;
        final boolean isWorkspace;
        final Instant createDate;
        String name;
        String description;
        String custom1;
        String custom2;
        String owner;
        long parent;
        long workspace;
        Instant editDate;

        Container(long number, boolean isWorkspace, String name, Instant at) {
            this.number = number;
            this.isWorkspace = isWorkspace;
            this.name = name;
            this.createDate = at;
            this.editDate = at;
        }
    }

    static final class Doc extends DmsDocument<Version> {
        final long number;
        final Set<Long> folders = new LinkedHashSet<>();
        final Map<Long, Instant> filedAt = new LinkedHashMap<>();
        String author;
        String docClass;
        String comment;
        String custom1;
        String custom2;
        long workspace;

        Doc(long number) {
            this.number = number;
        }

        Version addVersion(byte[] content, String operator, Instant at) {
            Version v = new Version(versions.size() + 1, content.clone(), operator.toUpperCase(Locale.ROOT), at);
            versions.add(v);
            return v;
        }

        /** Version {@code n}, or the latest for 0. */
        @Override
        public Version version(int n) {
            return n == 0 ? latest() : super.version(n);
        }

        @Override
        protected String describe() {
            return "document " + number;
        }
    }

    static final class Version {
        final int number;
        final byte[] content;
        final String operator;
        final Instant createDate;
        Instant editDate;
        Instant editProfileDate;
        String comment;

        Version(int number, byte[] content, String operator, Instant at) {
            this.number = number;
            this.content = content;
            this.operator = operator;
            this.createDate = at;
            this.editDate = at;
            this.editProfileDate = at;
        }
    }

    record Tombstone(long document, int version, Instant at) {
    }
}
