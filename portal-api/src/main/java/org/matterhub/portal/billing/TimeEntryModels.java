package org.matterhub.portal.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.matterhub.store.model.TimeEntryRepository;

/** Bodies of the time-entry operations of portal API v1 (see openapi.yaml). Money in minor units. */
public final class TimeEntryModels {

    private TimeEntryModels() {
    }

    /**
     * One time entry. {@code hours} is a decimal string (e.g. {@code "1.25"}), exact as the practice-management
     * system records it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimeEntryView(UUID id, LocalDate date, String hours, String description, String userName,
                                boolean billable, boolean billed, long amountMinor, String currency) {

        static TimeEntryView of(TimeEntryRepository.TimeEntry e) {
            return new TimeEntryView(e.id(), e.date(), e.hours().stripTrailingZeros().toPlainString(), e.description(),
                    e.userName(), e.billable(), e.billed(), e.amountMinor(), e.currency());
        }
    }

    /**
     * A matter's time entries, oldest first.
     *
     * @param visibleToClients whether the firm shows time entries to its clients
     */
    public record TimeEntryList(UUID matterId, boolean visibleToClients, List<TimeEntryView> items) {
    }

    /**
     * The firm's portal settings a firm admin may change.
     *
     * @param emailPrivilegedContent notification e-mails may carry message text and document names; in a request,
     *                               absent keeps the current value
     */
    public record FirmSettings(@NotNull Boolean showTimeEntries, Boolean emailPrivilegedContent) {
    }
}
