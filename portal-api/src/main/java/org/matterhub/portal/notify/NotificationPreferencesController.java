package org.matterhub.portal.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.matterhub.portal.notify.NotificationCategories.Delivery;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.NotificationPreferenceRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's notification choices: per category immediate, daily digest, weekly digest or off, and the
 * time zone digests are built in. Critical events are always sent at once and are listed, not chosen.
 */
@RestController
public class NotificationPreferencesController {

    public record CategoryChoice(String category, Delivery delivery, boolean chosen) {
    }

    public record Preferences(String timeZone, List<CategoryChoice> categories, List<String> alwaysImmediate) {
    }

    /** Absent fields stay as they are; a category named is set. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreferencesUpdate(@Size(min = 1, max = 64) String timeZone, Map<String, Delivery> categories) {
    }

    private final Tenancy tenancy;
    private final NotificationPreferenceRepository preferences;
    private final AuditLog audit;

    public NotificationPreferencesController(Tenancy tenancy, NotificationPreferenceRepository preferences, AuditLog audit) {
        this.tenancy = tenancy;
        this.preferences = preferences;
        this.audit = audit;
    }

    @GetMapping("/api/v1/me/notification-preferences")
    public Preferences get(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        return tenancy.read(p.scope(), () -> current(p));
    }

    @PutMapping("/api/v1/me/notification-preferences")
    public Preferences put(@RequestBody @jakarta.validation.Valid PreferencesUpdate body, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        Set<String> allowed = NotificationCategories.forPerson(p.isClient());
        Map<String, Delivery> wanted = body.categories() == null ? Map.of() : body.categories();
        Map<String, String> errors = new LinkedHashMap<>();
        wanted.forEach((category, delivery) -> {
            if (!allowed.contains(category)) {
                errors.put("categories." + category, "is not a category of yours; yours are " + new TreeSet<>(allowed));
            } else if (delivery == null) {
                errors.put("categories." + category, "must be one of immediate, daily, weekly, off");
            }
        });
        String zone = body.timeZone() == null ? null : zone(body.timeZone(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return tenancy.write(p.scope(), () -> {
            wanted.forEach((category, delivery) -> preferences.choose(p.userId(), category, delivery.name()));
            if (zone != null && !preferences.setOwnTimeZone(zone)) {
                throw ApiProblem.forbidden("Only an active person sets their time zone.");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            wanted.forEach((category, delivery) -> details.put(category, delivery.name()));
            if (zone != null) {
                details.put("timeZone", zone);
            }
            audit.record("notification_preferences.changed", "portal_user", p.userId().toString(), details);
            return current(p);
        });
    }

    private Preferences current(PortalPrincipal p) {
        Map<String, String> chosen = preferences.choices(p.userId());
        List<CategoryChoice> categories = new TreeSet<>(NotificationCategories.forPerson(p.isClient())).stream()
                .map(c -> chosen.containsKey(c) ? new CategoryChoice(c, Delivery.valueOf(chosen.get(c)), true)
                        : new CategoryChoice(c, NotificationCategories.defaultDelivery(c), false)).toList();
        return new Preferences(preferences.timeZone(p.userId()), categories, NotificationCategories.critical());
    }

    /** An IANA zone name as the JDK knows it (region ids only: no fixed offsets, which ignore daylight saving). */
    private static String zone(String name, Map<String, String> errors) {
        try {
            ZoneId id = ZoneId.of(name);
            if (ZoneId.getAvailableZoneIds().contains(id.getId())) {
                return id.getId();
            }
        } catch (DateTimeException e) {
            // reported below
        }
        errors.put("timeZone", "must be an IANA time zone such as Europe/London or America/New_York");
        return null;
    }

}
