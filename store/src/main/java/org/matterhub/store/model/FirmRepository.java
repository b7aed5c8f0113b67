package org.matterhub.store.model;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class FirmRepository {

    private final JdbcTemplate jdbc;

    public FirmRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the firm bound in the current transaction's scope (its id is that scope's firm id). */
    public void create(UUID firmId, String name, String slug) {
        jdbc.update("insert into firm (id, name, slug) values (?, ?, ?) on conflict (id) do nothing", firmId, name, slug);
    }

    public Optional<String> name(UUID firmId) {
        return jdbc.queryForList("select name from firm where id = ?", String.class, firmId).stream().findFirst();
    }
}
