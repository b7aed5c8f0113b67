package org.matterhub.portal.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the portal user behind a token's e-mail claim. The lookup crosses firms (the token names a person,
 * not a tenant), so it goes through the SECURITY DEFINER function {@code mh_principal}, which returns only
 * the identifying columns.
 */
@Component
public class PrincipalResolver {

    /** What the lookup found; {@code status} may be invited, active or revoked. */
    public record Found(PortalPrincipal principal, String status) {
    }

    private final JdbcTemplate jdbc;

    public PrincipalResolver(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Found> byEmail(String email, UUID firmHint) {
        List<Found> found = jdbc.query("select user_id, firm_id, email, kind, firm_role, status from mh_principal(?, ?)",
                (rs, i) -> new Found(new PortalPrincipal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5)), rs.getString(6)), email, firmHint);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    public void markSignedIn(UUID userId, String subject) {
        jdbc.queryForList("select mh_mark_signed_in(?, ?)", userId, subject);
    }
}
