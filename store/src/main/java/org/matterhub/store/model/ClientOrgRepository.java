package org.matterhub.store.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class ClientOrgRepository {

    /** A client organisation (a company the firm acts for, or an individual client). */
    public record ClientOrg(UUID id, String name) {
    }

    private final JdbcTemplate jdbc;

    public ClientOrgRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID create(String name) {
        return jdbc.queryForObject("insert into client_org (firm_id, name) values (?, ?) returning id", UUID.class,
                TenantContext.current().orElseThrow().firmId(), name);
    }

    public void rename(UUID id, String name) {
        jdbc.update("update client_org set name = ?, updated_at = now() where id = ? and name is distinct from ?", name, id, name);
    }

    public Optional<ClientOrg> find(UUID id) {
        return jdbc.query("select id, name from client_org where id = ?",
                (rs, i) -> new ClientOrg(rs.getObject(1, UUID.class), rs.getString(2)), id).stream().findFirst();
    }

    public List<ClientOrg> list() {
        return jdbc.query("select id, name from client_org order by name",
                (rs, i) -> new ClientOrg(rs.getObject(1, UUID.class), rs.getString(2)));
    }
}
