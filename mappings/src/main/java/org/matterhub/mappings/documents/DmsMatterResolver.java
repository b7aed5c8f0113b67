package org.matterhub.mappings.documents;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Resolves a DMS profile's client and matter numbers to a portal matter, and a matter back to the numbers the DMS
 * files it under, by a firm's {@link DmsSettings}. Pure: built from a snapshot of the firm's matters.
 *
 * <p>Matching ignores zero padding and case ({@code 00001} matches Clio matter number {@code 1}); a number that
 * matches several matters is ambiguous and resolves to none.
 */
public final class DmsMatterResolver {

    /** A portal matter as the resolver needs it. */
    public record PortalMatter(UUID id, String number, String displayNumber, String clientOrgName) {
    }

    /** How a profile resolved. */
    public enum Outcome {
        RESOLVED, NO_MATTER, CLIENT_MISMATCH, MISSING_NUMBERS;

        /** The value stored in {@code dms_document.resolution}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The result: a matter when {@link Outcome#RESOLVED}, otherwise a sentence for ops. */
    public record Resolution(Outcome outcome, UUID matterId, String detail) {
        public boolean resolved() {
            return outcome == Outcome.RESOLVED;
        }
    }

    /** The numbers a DMS files a matter under. */
    public record DmsKeys(String clientNumber, String matterNumber) {
    }

    private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");

    private final DmsSettings settings;
    private final Map<String, List<PortalMatter>> byKey = new HashMap<>();
    private final Map<UUID, PortalMatter> byId = new HashMap<>();

    public DmsMatterResolver(DmsSettings settings, Collection<PortalMatter> matters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (PortalMatter m : matters) {
            byId.put(m.id(), m);
            String key = portalKey(m);
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(m);
            }
        }
    }

    public Resolution resolve(String clientNumber, String matterNumber) {
        if (matterNumber == null || matterNumber.isBlank()) {
            return new Resolution(Outcome.MISSING_NUMBERS, null, "The profile has no matter number.");
        }
        List<PortalMatter> candidates = byKey.getOrDefault(normalise(matterNumber), List.of());
        if (candidates.isEmpty()) {
            return new Resolution(Outcome.NO_MATTER, null, "No matter numbered " + matterNumber.strip() + ".");
        }
        if (candidates.size() > 1) {
            return new Resolution(Outcome.NO_MATTER, null, "Matter number " + matterNumber.strip() + " matches "
                    + candidates.size() + " matters.");
        }
        PortalMatter m = candidates.get(0);
        if (!settings.clients().isEmpty()) {
            if (clientNumber == null || clientNumber.isBlank()) {
                return new Resolution(Outcome.MISSING_NUMBERS, null, "The profile has no client number.");
            }
            String org = settings.clients().get(clientNumber.strip().toUpperCase(Locale.ROOT));
            if (org == null) {
                return new Resolution(Outcome.CLIENT_MISMATCH, null, "Client number " + clientNumber.strip()
                        + " is not mapped to a client organisation.");
            }
            if (!org.equalsIgnoreCase(m.clientOrgName())) {
                return new Resolution(Outcome.CLIENT_MISMATCH, null, "Client number " + clientNumber.strip() + " is "
                        + org + ", but matter " + m.displayNumber() + " belongs to " + m.clientOrgName() + ".");
            }
        }
        return new Resolution(Outcome.RESOLVED, m.id(), null);
    }

    /** The numbers to file a matter's documents under, when the settings can tell them. */
    public Optional<DmsKeys> keysFor(UUID matterId) {
        PortalMatter m = byId.get(matterId);
        if (m == null) {
            return Optional.empty();
        }
        String raw = MatterNumbers.source(settings, m.number(), m.displayNumber());
        if (raw == null) {
            return Optional.empty();
        }
        String matter = DIGITS.matcher(raw).matches() && settings.matterNumberWidth() > raw.length()
                ? "0".repeat(settings.matterNumberWidth() - raw.length()) + raw : raw;
        String client = settings.clients().entrySet().stream()
                .filter(e -> e.getValue().equalsIgnoreCase(m.clientOrgName())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        return Optional.of(new DmsKeys(client, matter));
    }

    private String portalKey(PortalMatter m) {
        String raw = MatterNumbers.source(settings, m.number(), m.displayNumber());
        return raw == null ? null : normalise(raw);
    }

    /** Case, surrounding space and zero padding do not distinguish matter numbers. */
    static String normalise(String number) {
        String s = number.strip().toUpperCase(Locale.ROOT);
        if (DIGITS.matcher(s).matches()) {
            s = s.replaceFirst("^0+(?=.)", "");
        }
        return s;
    }

    /** Which portal value a DMS matter number is compared with. */
    static final class MatterNumbers {
        private MatterNumbers() {
        }

        static String source(DmsSettings settings, String number, String displayNumber) {
            if (DmsSettings.DISPLAY_NUMBER_PREFIX.equals(settings.matterSource())) {
                if (displayNumber == null || displayNumber.isBlank()) {
                    return null;
                }
                int dash = displayNumber.indexOf('-');
                String prefix = (dash < 0 ? displayNumber : displayNumber.substring(0, dash)).strip();
                // Nothing before the dash is no number: never file a matter under an empty one.
                return prefix.isEmpty() ? null : prefix;
            }
            return number == null || number.isBlank() ? null : number.strip();
        }
    }
}
