package org.matterhub.portal.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Finds the portal user behind a token. A person is bound once, at first sign-in, by the token's issuer and subject
 * ({@link #bind}); afterwards only {@link #byIdentity} identifies them. {@link #byEmail} finds the invited row for
 * that first binding. The lookups cross firms (the token names a person, not a tenant), so they go through the
 * SECURITY DEFINER functions of V18, which return only the identifying columns.
 */
@Component
public class PrincipalResolver {

    /**
     * What a lookup found.
     *
     * @param status invited, active or revoked
     * @param bound  whether an identity (issuer, subject) is bound to this person; from {@link #byIdentity}, false
     *               for a subject bound before issuers were recorded (the next {@link #bind} records it)
     */
    public record Found(PortalPrincipal principal, String status, boolean bound) {
    }

    private final JdbcTemplate jdbc;

    public PrincipalResolver(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The person bound to this identity, if exactly one is (in the hinted firm, when there is a hint). */
    public Optional<Found> byIdentity(String issuer, String subject, UUID firmHint) {
        return single(jdbc.query("select user_id, firm_id, email, kind, firm_role, status, issuer_recorded "
                + "from mh_principal_by_identity(?, ?, ?)", FOUND, issuer, subject, firmHint));
    }

    /** The person invited under this e-mail, bound or not, if exactly one is. */
    public Optional<Found> byEmail(String email, UUID firmHint) {
        return single(jdbc.query("select user_id, firm_id, email, kind, firm_role, status, bound "
                + "from mh_principal_by_email(?, ?)", FOUND, email, firmHint));
    }

    /**
     * Binds the identity to an unbound, unrevoked person and activates them if they were invited (or records the
     * issuer of a subject bound before issuers were).
     *
     * @return false when another identity holds the person (a concurrent first sign-in won)
     */
    public boolean bind(UUID userId, String issuer, String subject) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select mh_bind_identity(?, ?, ?)", Boolean.class,
                userId, issuer, subject));
    }

    private static final RowMapper<Found> FOUND = (rs, i) -> new Found(new PortalPrincipal(rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5)), rs.getString(6),
            rs.getBoolean(7));

    private static Optional<Found> single(List<Found> found) {
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
