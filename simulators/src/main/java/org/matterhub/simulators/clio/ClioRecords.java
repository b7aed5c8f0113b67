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

    static final class Contact {
        final long id;
        final String type;
        String name;
        String firstName;
        String middleName;
        String lastName;
        String prefix;
        String title;
        Long companyId;
        boolean isClient;
        final List<Email> emails = new ArrayList<>();
        final List<Phone> phones = new ArrayList<>();
        final List<Address> addresses = new ArrayList<>();
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;

        Contact(long id, String type) {
            this.id = id;
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
            return emails.stream().filter(e -> e.primary).map(e -> e.address).findFirst().orElse(null);
        }

        String primaryPhone() {
            return phones.stream().filter(p -> p.primary).map(p -> p.number).findFirst().orElse(null);
        }
    }

    static final class Email {
        final long id;
        String name;
        String address;
        boolean primary;

        Email(long id, String name, String address, boolean primary) {
            this.id = id;
            this.name = name;
            this.address = address;
            this.primary = primary;
        }
    }

    static final class Phone {
        final long id;
        String name;
        String number;
        boolean primary;

        Phone(long id, String name, String number, boolean primary) {
            this.id = id;
            this.name = name;
            this.number = number;
            this.primary = primary;
        }
    }

    static final class Address {
        final long id;
        String name;
        String street;
        String city;
        String province;
        String postalCode;
        String country;
        boolean primary;

        Address(long id, String name, String street, String city, String province, String postalCode,
                String country, boolean primary) {
            this.id = id;
            this.name = name;
            this.street = street;
            this.city = city;
            this.province = province;
            this.postalCode = postalCode;
            this.country = country;
            this.primary = primary;
        }
    }

    static final class Matter {
        final long id;
        final int number;
        long clientId;
        String description;
        String status;
        Long practiceAreaId;
        User attorney;
        LocalDate openDate;
        LocalDate pendingDate;
        LocalDate closeDate;
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;

        Matter(long id, int number) {
            this.id = id;
            this.number = number;
        }
    }

    static final class Note {
        final long id;
        String type;
        Long matterId;
        Long contactId;
        String subject;
        String detail;
        String textType;
        LocalDate date;
        Instant createdAt;
        Instant updatedAt;
        String etag;

        Note(long id) {
            this.id = id;
        }
    }

    static final class Activity {
        final long id;
        final String type;
        long matterId;
        User user;
        LocalDate date;
        long quantity;
        BigDecimal price;
        String note;
        boolean billed;
        boolean nonBillable;
        Instant createdAt;
        Instant updatedAt;
        String etag;
        long version;

        Activity(long id, String type) {
            this.id = id;
            this.type = type;
        }
    }

    record User(long id, String name, String email) {
    }
}
