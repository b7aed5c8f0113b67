package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.MonotonicClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The records ClioSimulatorData keeps (mutable, guarded by the data lock). */
final class ClioRecords {

    private ClioRecords() {
    }

    // ------------------------------------------------------------------ records (mutable, lock-guarded)

    /** What every record has: id, its webhook model name, times, and an etag that changes with each version. */
    abstract static class Stamped {
        final long id;
        final String model;

        Stamped(long id, String model) {
            this.id = id;
            this.model = model;
        }

        // the version state, changed under the data lock
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;
    }

    static final class Contact extends Stamped {
        final String type;
        String name;
        String firstName;
        String middleName;
        String lastName;
        String prefix;
        String title;
        Long companyId;
        boolean isClient;
        final List<Item> emails = new ArrayList<>();
        final List<Item> phones = new ArrayList<>();
        final List<Item> addresses = new ArrayList<>();

        Contact(long id, String type) {
            super(id, "contact");
            this.type = type;
        }

        String displayName() {
            if ("Company".equals(type)) {
                return name;
            }
            StringBuilder sb = new StringBuilder(firstName == null ? "" : firstName);
            if (middleName != null && !middleName.isBlank()) {
                sb.append(' ').append(middleName);
            }
            if (lastName != null && !lastName.isBlank()) {
                sb.append(' ').append(lastName);
            }
            return sb.toString().trim();
        }

        String initials() {
            StringBuilder sb = new StringBuilder();
            for (String part : displayName().split("\\s+")) {
                if (!part.isEmpty() && Character.isLetter(part.charAt(0))) {
                    sb.append(Character.toUpperCase(part.charAt(0)));
                }
            }
            return sb.toString();
        }

        String primaryEmail() {
            return emails.stream().filter(e -> e.primary).map(e -> e.get("address")).findFirst().orElse(null);
        }

        String primaryPhone() {
            return phones.stream().filter(p -> p.primary).map(p -> p.get("number")).findFirst().orElse(null);
        }
    }

    /**
     * One of a contact's e-mail addresses, phone numbers or postal addresses: its id, its values under Clio's names
     * ({@code name} first, then {@code address}, {@code number} or {@code street} … {@code country}) and the primary flag.
     */
    static final class Item {
        final long id;
        final Map<String, String> values = new LinkedHashMap<>();
        boolean primary;

        Item(long id, boolean primary, String... namesAndValues) {
            this.id = id;
            this.primary = primary;
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                values.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }

        String get(String name) {
            return values.get(name);
        }

        /** As Clio renders it: {@code id}, the values, {@code primary}. */
        Map<String, Object> render() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.putAll(values);
            out.put("primary", primary);
            return out;
        }
    }

    static final class Matter extends Stamped {
        final int number;
        long clientId;
        String description;
        String status;
        Long practiceAreaId;
        User attorney;
        LocalDate openDate;
        LocalDate pendingDate;
        LocalDate closeDate;

        Matter(long id, int number) {
            super(id, "matter");
            this.number = number;
        }
    }

    static final class Note extends Stamped {
        String type;
        Long matterId;
        Long contactId;
        String subject;
        String detail;
        String textType;
        LocalDate date;

        Note(long id) {
            super(id, "note");
        }
    }

    static final class Activity extends Stamped {
        final String type;

        Activity(long id, String type) {
            super(id, "activity");
            this.type = type;
        }

        // mutable state, changed under the data lock
        long matterId;
        User user;
        LocalDate date;
        long quantity;
        BigDecimal price;
        String note;
        boolean billed;
        boolean nonBillable;
    }

    record User(long id, String name, String email) {
    }
}
