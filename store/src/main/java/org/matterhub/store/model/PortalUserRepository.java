package org.matterhub.store.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Portal users, their memberships of client orgs and their matter grants. */
@Repository
public class PortalUserRepository {

    /** A person who signs in to the portal: a client's person or a member of the firm. */
    public record PortalUser(UUID id, UUID firmId, String email, String displayName, String kind, String firmRole,
                             String status, UUID contactId) {
        public boolean revoked() {
            return "revoked".equals(status);
        }
    }

    public record Membership(UUID id, UUID userId, UUID clientOrgId, String clientOrgName, String role, boolean revoked) {
    }

    public record Grant(UUID id, UUID userId, UUID matterId, List<String> scopes, boolean revoked) {
    }

    private final JdbcTemplate jdbc;

    public PortalUserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID create(String email, String displayName, String kind, String firmRole, UUID contactId) {
        return jdbc.queryForObject("""
                insert into portal_user (firm_id, email, display_name, kind, firm_role, contact_id, status)
                values (?, lower(?), ?, ?, ?, ?, 'invited') returning id
                """, UUID.class, TenantContext.current().orElseThrow().firmId(), email, displayName, kind, firmRole, contactId);
    }

    public Optional<PortalUser> find(UUID id) {
        return jdbc.query("select * from portal_user where id = ?", this::user, id).stream().findFirst();
    }

    public Optional<PortalUser> findByEmail(String email) {
        return jdbc.query("select * from portal_user where email = lower(?)", this::user, email).stream().findFirst();
    }

    public List<PortalUser> list() {
        return jdbc.query("select * from portal_user order by kind, email", this::user);
    }

    /** Ends a user's access; nothing they created or were shown is deleted. */
    public int revoke(UUID id) {
        return jdbc.update("update portal_user set status = 'revoked', revoked_at = now(), updated_at = now() "
                + "where id = ? and status <> 'revoked'", id);
    }

    public void linkContact(UUID userId, UUID contactId) {
        jdbc.update("update portal_user set contact_id = ? where id = ? and contact_id is null", contactId, userId);
    }

    public UUID addMembership(UUID userId, UUID clientOrgId, String role) {
        return jdbc.queryForObject("""
                insert into membership (firm_id, user_id, client_org_id, role) values (?, ?, ?, ?)
                on conflict (user_id, client_org_id) do update set role = excluded.role, revoked_at = null
                returning id
                """, UUID.class, TenantContext.current().orElseThrow().firmId(), userId, clientOrgId, role);
    }

    public List<Membership> memberships(UUID userId) {
        return jdbc.query("""
                select m.id, m.user_id, m.client_org_id, o.name, m.role, m.revoked_at is not null as revoked
                  from membership m join client_org o on o.id = m.client_org_id where m.user_id = ? order by o.name
                """, (rs, i) -> new Membership(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getBoolean(6)), userId);
    }

    public UUID grant(UUID userId, UUID matterId, List<String> scopes) {
        return jdbc.queryForObject("""
                insert into matter_grant (firm_id, user_id, matter_id, scopes) values (?, ?, ?, ?)
                on conflict (user_id, matter_id) do update set scopes = excluded.scopes, revoked_at = null
                returning id
                """, UUID.class, TenantContext.current().orElseThrow().firmId(), userId, matterId,
                scopes.toArray(String[]::new));
    }

    public int revokeGrant(UUID userId, UUID matterId) {
        return jdbc.update("update matter_grant set revoked_at = now() where user_id = ? and matter_id = ? "
                + "and revoked_at is null", userId, matterId);
    }

    public List<Grant> grants(UUID userId) {
        return jdbc.query("select id, user_id, matter_id, scopes, revoked_at is not null from matter_grant where user_id = ?",
                (rs, i) -> new Grant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getBoolean(5)), userId);
    }

    private PortalUser user(ResultSet rs, int i) throws SQLException {
        return new PortalUser(rs.getObject("id", UUID.class), rs.getObject("firm_id", UUID.class), rs.getString("email"),
                rs.getString("display_name"), rs.getString("kind"), rs.getString("firm_role"), rs.getString("status"),
                rs.getObject("contact_id", UUID.class));
    }
}
