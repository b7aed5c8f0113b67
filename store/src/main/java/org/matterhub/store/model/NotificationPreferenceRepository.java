package org.matterhub.store.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A person's notification choices per category (V23) and their time zone. Row-level security lets a person read and
 * write only their own rows, and the system read everyone's.
 */
@Repository
public class NotificationPreferenceRepository {

    private final JdbcTemplate jdbc;

    public NotificationPreferenceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The person's explicit choices, category → delivery; categories left at their default are absent. */
    public Map<String, String> choices(UUID userId) {
        Map<String, String> choices = new LinkedHashMap<>();
        jdbc.query("select category, delivery from notification_preference where user_id = ? order by category",
                rs -> {
                    choices.put(rs.getString(1), rs.getString(2));
                }, userId);
        return choices;
    }

    public void choose(UUID userId, String category, String delivery) {
        jdbc.update("insert into notification_preference (firm_id, user_id, category, delivery) values (?, ?, ?, ?) "
                + "on conflict (user_id, category) do update set delivery = excluded.delivery, updated_at = now()",
                TenantContext.current().orElseThrow().firmId(), userId, category, delivery);
    }

    /** The caller's time zone (an IANA name). */
    public String timeZone(UUID userId) {
        return jdbc.queryForObject("select time_zone from portal_user where id = ?", String.class, userId);
    }

    /** Sets the caller's own time zone; false when the caller is no active person of the bound firm. */
    public boolean setOwnTimeZone(String zone) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select mh_set_time_zone(?)", Boolean.class, zone));
    }

    /** Whether the bound firm lets notification e-mails carry privileged content (message text, document names). */
    public boolean firmEmailsPrivilegedContent() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select email_privileged_content from firm where id = ?",
                Boolean.class, TenantContext.current().orElseThrow().firmId()));
    }

    public void setFirmEmailsPrivilegedContent(boolean on) {
        jdbc.update("update firm set email_privileged_content = ? where id = ?", on,
                TenantContext.current().orElseThrow().firmId());
    }
}
