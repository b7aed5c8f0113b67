package org.matterhub.store.model;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What an org admin may do to their own organisation, through the SECURITY DEFINER functions of V26: each starts from
 * the caller's own active org_admin memberships (bound by the transaction's tenant scope) and touches nothing outside
 * those orgs, whatever ids it is given. An id of another org reads exactly as one that never existed.
 */
@Repository
public class OrgAdminRepository {

    /** A person of an org the caller administers; {@code id} is the membership's id (the person inside that org). */
    public record Person(UUID id, UUID clientOrgId, String clientOrgName, String email, String displayName, String role,
                         Instant joinedAt) {
    }

    public record Grant(UUID personId, UUID matterId, List<String> scopes) {
    }

    /** What an invitation did: {@code invited}, {@code member} (already a person of the org) or {@code withheld}. */
    public record Invitation(UUID personId, String outcome) {
    }

    private final JdbcTemplate jdbc;

    public OrgAdminRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The client orgs the caller administers (none for anyone who is not an active org admin). */
    public List<ClientOrgRepository.ClientOrg> administeredOrgs() {
        return jdbc.query("select o.id, o.name from client_org o where o.id in (select mh_org_admin_orgs()) order by o.name",
                (rs, i) -> new ClientOrgRepository.ClientOrg(rs.getObject(1, UUID.class), rs.getString(2)));
    }

    public List<Person> people() {
        return jdbc.query("select * from mh_org_people()", (rs, i) -> new Person(rs.getObject("person_id", UUID.class),
                rs.getObject("client_org_id", UUID.class), rs.getString("client_org_name"), rs.getString("email"),
                rs.getString("display_name"), rs.getString("role"), rs.getTimestamp("joined_at").toInstant()));
    }

    public List<Grant> grants() {
        return jdbc.query("select * from mh_org_grants()", (rs, i) -> new Grant(rs.getObject("person_id", UUID.class),
                rs.getObject("matter_id", UUID.class), strings(rs.getArray("scopes"))));
    }

    /** Invites into {@code orgId}; empty when the caller does not administer that org. */
    public java.util.Optional<Invitation> invite(UUID orgId, String email, String displayName, String role) {
        return jdbc.query("select * from mh_org_invite(?, ?, ?, ?)", (rs, i) -> new Invitation(
                rs.getObject("person_id", UUID.class), rs.getString("outcome")), orgId, email, displayName, role)
                .stream().findFirst();
    }

    /** {@code removed}, {@code last_admin} or {@code not_found}. */
    public String remove(UUID personId) {
        return jdbc.queryForObject("select mh_org_remove(?)", String.class, personId);
    }

    /** {@code granted}, {@code not_member} or {@code not_found}. */
    public String grant(UUID personId, UUID matterId, List<String> scopes) {
        return jdbc.queryForObject("select mh_org_grant(?, ?, ?)", String.class, personId, matterId,
                scopes.toArray(String[]::new));
    }

    public boolean revokeGrant(UUID personId, UUID matterId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select mh_org_revoke_grant(?, ?)", Boolean.class, personId, matterId));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
