package org.matterhub.mappings.clio;

import java.util.Locale;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.mappings.canonical.CanonicalMatter;
import org.matterhub.mappings.canonical.MatterStatus;

/** Clio matter → canonical matter. */
public final class ClioMatterMapper {

    private ClioMatterMapper() {
    }

    public static CanonicalMatter toCanonical(ClioMatter m) {
        return new CanonicalMatter(
                Long.toString(m.id()),
                m.client() == null || m.client().id() == null ? null : Long.toString(m.client().id()),
                m.number() == null ? null : m.number().toString(),
                m.displayNumber() == null ? "#" + m.id() : m.displayNumber(),
                m.description(),
                status(m.status()),
                m.practiceArea() == null ? null : m.practiceArea().name(),
                m.responsibleAttorney() == null ? null : m.responsibleAttorney().name(),
                m.responsibleAttorney() == null ? null : m.responsibleAttorney().email(),
                m.openDate(),
                m.pendingDate(),
                m.closeDate(),
                m.updatedAt(),
                m.etag());
    }

    /** Clio's statuses are Pending, Open and Closed; anything else is a contract violation, not a guess. */
    public static MatterStatus status(String clioStatus) {
        if (clioStatus == null) {
            throw new IllegalArgumentException("Clio matter without a status");
        }
        return switch (clioStatus.toLowerCase(Locale.ROOT)) {
            case "pending" -> MatterStatus.PENDING;
            case "open" -> MatterStatus.OPEN;
            case "closed" -> MatterStatus.CLOSED;
            default -> throw new IllegalArgumentException("Unknown Clio matter status: " + clioStatus);
        };
    }
}
