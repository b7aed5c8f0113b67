package org.matterhub.store.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.mappings.canonical.CanonicalContact;
import org.matterhub.mappings.canonical.ContactKind;
import org.matterhub.mappings.canonical.PostalAddress;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class ContactRepository {

    /** A contact as the portal holds it. */
    public record Contact(UUID id, UUID clientOrgId, UUID sourceConnectionId, ContactKind kind, String name,
                          String email, String phone, PostalAddress address) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;

    public ContactRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(UUID connectionId, UUID clientOrgId, CanonicalContact c) {
        return jdbc.queryForObject("""
                insert into contact (firm_id, client_org_id, source_connection_id, kind, name, first_name, last_name,
                                     email, phone, address, source_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning id
                """, UUID.class, TenantContext.current().orElseThrow().firmId(), clientOrgId, connectionId,
                c.kind().name().toLowerCase(), c.name(), c.firstName(), c.lastName(), c.email(), c.phone(),
                json(c.address()), ts(c));
    }

    /** A new contact with the id the caller chose. */
    public record NewContact(UUID id, UUID clientOrgId, CanonicalContact contact) {
    }

    /** Inserts a page of new contacts in one batch. */
    public void insertAll(UUID connectionId, java.util.List<NewContact> batch) {
        if (batch.isEmpty()) {
            return;
        }
        UUID firm = TenantContext.current().orElseThrow().firmId();
        jdbc.batchUpdate("""
                insert into contact (id, firm_id, client_org_id, source_connection_id, kind, name, first_name, last_name,
                                     email, phone, address, source_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                """, batch, 500, (ps, n) -> {
                    CanonicalContact c = n.contact();
                    ps.setObject(1, n.id());
                    ps.setObject(2, firm);
                    ps.setObject(3, n.clientOrgId());
                    ps.setObject(4, connectionId);
                    ps.setString(5, c.kind().name().toLowerCase());
                    ps.setString(6, c.name());
                    ps.setString(7, c.firstName());
                    ps.setString(8, c.lastName());
                    ps.setString(9, c.email());
                    ps.setString(10, c.phone());
                    ps.setString(11, json(c.address()));
                    ps.setTimestamp(12, ts(c));
                });
    }

    public void update(UUID id, UUID clientOrgId, CanonicalContact c) {
        jdbc.update("""
                update contact set client_org_id = ?, kind = ?, name = ?, first_name = ?, last_name = ?, email = ?,
                       phone = ?, address = ?::jsonb, source_updated_at = ?, deleted_at = null, updated_at = now()
                 where id = ?
                """, clientOrgId, c.kind().name().toLowerCase(), c.name(), c.firstName(), c.lastName(), c.email(),
                c.phone(), json(c.address()), ts(c), id);
    }

    /** Applies a client's own correction (portal side); the outbox carries it to the system of record. */
    public int applyCorrection(UUID id, String email, String phone, PostalAddress address) {
        return jdbc.update("""
                update contact set email = coalesce(?, email), phone = coalesce(?, phone),
                       address = coalesce(?::jsonb, address), updated_at = now() where id = ?
                """, email, phone, address == null ? null : json(address), id);
    }

    public void markDeleted(UUID id) {
        jdbc.update("update contact set deleted_at = now() where id = ?", id);
    }

    public Optional<Contact> find(UUID id) {
        return jdbc.query("select * from contact where id = ?", (rs, i) -> new Contact(rs.getObject("id", UUID.class),
                rs.getObject("client_org_id", UUID.class), rs.getObject("source_connection_id", UUID.class),
                ContactKind.valueOf(rs.getString("kind").toUpperCase()), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), address(rs.getString("address"))), id).stream().findFirst();
    }

    public Optional<UUID> findPersonByEmail(String email) {
        return jdbc.queryForList("select id from contact where lower(email) = lower(?) and kind = 'person' "
                + "and deleted_at is null order by created_at limit 1", UUID.class, email).stream().findFirst();
    }

    private static Timestamp ts(CanonicalContact c) {
        return c.sourceUpdatedAt() == null ? null : Timestamp.from(c.sourceUpdatedAt());
    }

    static String json(PostalAddress a) {
        try {
            return a == null ? null : JSON.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static PostalAddress address(String json) {
        try {
            return json == null ? null : JSON.readValue(json, PostalAddress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
