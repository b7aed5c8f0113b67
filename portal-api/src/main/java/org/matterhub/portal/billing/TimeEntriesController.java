package org.matterhub.portal.billing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.billing.TimeEntryModels.FirmSettings;
import org.matterhub.portal.billing.TimeEntryModels.TimeEntryList;
import org.matterhub.portal.billing.TimeEntryModels.TimeEntryView;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.model.NotificationPreferenceRepository;
import org.matterhub.store.model.TimeEntryRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A matter's time entries (Clio activities of type TimeEntry), and the firm setting that shows them to clients.
 *
 * <p>Row-level security decides (V12): a client reads a matter's entries only when the firm shows them and the caller
 * sees the matter's invoices section (the org admin; a member granted the matter with the {@code invoices} scope).
 * A matter the caller may not see answers 404 exactly like one that does not exist; so does, for a client, a matter of
 * a firm that does not show time entries. A member without the {@code invoices} scope gets an empty list, as the
 * matter's other ungranted sections are empty. Firm people read the entries whether or not clients see them.
 * Every successful read is audited.
 */
@RestController
public class TimeEntriesController {

    private static final String[] ADMIN = {"firm_admin"};

    private final Tenancy tenancy;
    private final MatterRepository matters;
    private final TimeEntryRepository timeEntries;
    private final AuditLog audit;
    private final NotificationPreferenceRepository notificationSettings;

    public TimeEntriesController(Tenancy tenancy, MatterRepository matters, TimeEntryRepository timeEntries,
                                 AuditLog audit, NotificationPreferenceRepository notificationSettings) {
        this.notificationSettings = notificationSettings;
        this.tenancy = tenancy;
        this.matters = matters;
        this.timeEntries = timeEntries;
        this.audit = audit;
    }

    @GetMapping("/api/v1/matters/{id}/time-entries")
    public TimeEntryList list(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID matterId = ApiProblem.pathId(id, "Matter");
        return tenancy.write(p.scope(), () -> {
            matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            boolean shown = timeEntries.firmShowsTimeEntries();
            if (p.isClient() && !shown) {
                throw ApiProblem.notFound("Matter " + id);
            }
            List<TimeEntryView> items = timeEntries.forMatter(matterId).stream().map(TimeEntryView::of).toList();
            audit.record("matter.time_entries_viewed", "matter", matterId.toString(), Map.of("entries", items.size()));
            return new TimeEntryList(matterId, shown, items);
        });
    }

    /** The firm's portal settings. Firm role {@code firm_admin}. */
    @GetMapping("/api/v1/admin/firm/settings")
    public FirmSettings settings(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, ADMIN);
        return tenancy.read(p.scope(), this::settings);
    }

    /** Replaces the firm's portal settings (today: whether clients see time entries). Firm role {@code firm_admin}. */
    @PutMapping("/api/v1/admin/firm/settings")
    public FirmSettings updateSettings(@Valid @RequestBody FirmSettings body, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, ADMIN);
        return tenancy.write(p.scope(), () -> {
            FirmSettings before = settings();
            timeEntries.setFirmShowsTimeEntries(body.showTimeEntries());
            if (body.emailPrivilegedContent() != null) {
                notificationSettings.setFirmEmailsPrivilegedContent(body.emailPrivilegedContent());
            }
            FirmSettings after = settings();
            if (!before.equals(after)) {
                audit.record("firm.settings_changed", "firm", p.firmId().toString(), Map.of("showTimeEntries",
                        after.showTimeEntries(), "emailPrivilegedContent", after.emailPrivilegedContent()));
            }
            return after;
        });
    }

    private FirmSettings settings() {
        return new FirmSettings(timeEntries.firmShowsTimeEntries(), notificationSettings.firmEmailsPrivilegedContent());
    }
}
