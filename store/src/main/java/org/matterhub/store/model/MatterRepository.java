package org.matterhub.store.model;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.mappings.canonical.CanonicalMatter;
import org.matterhub.mappings.canonical.MatterStatus;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Matters and their client-visible milestones. What a caller sees is decided by row-level security. */
@Repository
public class MatterRepository {

    public record Matter(UUID id, UUID clientOrgId, String clientOrgName, String number, String displayNumber,
                         String description, MatterStatus status, String practiceArea, String responsibleAttorneyName,
                         String responsibleAttorneyEmail, LocalDate openDate, LocalDate pendingDate, LocalDate closeDate,
                         Instant updatedAt) {
    }

    public record Milestone(String kind, String title, Instant occurredAt) {
    }

    private final JdbcTemplate jdbc;

    public MatterRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(UUID connectionId, UUID clientOrgId, CanonicalMatter m) {
        UUID id = jdbc.queryForObject("""
                insert into matter (firm_id, client_org_id, source_connection_id, number, display_number, description,
                                    status, practice_area, responsible_attorney_name, responsible_attorney_email,
                                    open_date, pending_date, close_date, source_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                """, UUID.class, TenantContext.current().orElseThrow().firmId(), clientOrgId, connectionId, m.number(),
                m.displayNumber(), m.description(), status(m.status()), m.practiceArea(), m.responsibleAttorneyName(),
                m.responsibleAttorneyEmail(), date(m.openDate()), date(m.pendingDate()), date(m.closeDate()),
                ts(m.sourceUpdatedAt()));
        addMilestone(id, "opened", "Matter opened", m.openDate() != null
                ? m.openDate().atStartOfDay().toInstant(ZoneOffset.UTC) : m.sourceUpdatedAt());
        if (m.status() != MatterStatus.OPEN) {
            addStatusMilestone(id, m.status(), m.sourceUpdatedAt());
        }
        return id;
    }

    /** A new matter with the id the caller chose (so a page of them goes in one batch). */
    public record NewMatter(UUID id, UUID clientOrgId, CanonicalMatter matter) {
    }

    /** Inserts a page of new matters and their first milestones in two batches. */
    public void insertAll(UUID connectionId, List<NewMatter> batch) {
        if (batch.isEmpty()) {
            return;
        }
        UUID firm = TenantContext.current().orElseThrow().firmId();
        jdbc.batchUpdate("""
                insert into matter (id, firm_id, client_org_id, source_connection_id, number, display_number, description,
                                    status, practice_area, responsible_attorney_name, responsible_attorney_email,
                                    open_date, pending_date, close_date, source_updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, batch, 500, (ps, n) -> {
                    CanonicalMatter m = n.matter();
                    ps.setObject(1, n.id());
                    ps.setObject(2, firm);
                    ps.setObject(3, n.clientOrgId());
                    ps.setObject(4, connectionId);
                    ps.setString(5, m.number());
                    ps.setString(6, m.displayNumber());
                    ps.setString(7, m.description());
                    ps.setString(8, status(m.status()));
                    ps.setString(9, m.practiceArea());
                    ps.setString(10, m.responsibleAttorneyName());
                    ps.setString(11, m.responsibleAttorneyEmail());
                    ps.setDate(12, date(m.openDate()));
                    ps.setDate(13, date(m.pendingDate()));
                    ps.setDate(14, date(m.closeDate()));
                    ps.setTimestamp(15, ts(m.sourceUpdatedAt()));
                });
        List<Object[]> milestones = new java.util.ArrayList<>();
        for (NewMatter n : batch) {
            CanonicalMatter m = n.matter();
            Instant opened = m.openDate() != null ? m.openDate().atStartOfDay().toInstant(ZoneOffset.UTC) : m.sourceUpdatedAt();
            milestones.add(new Object[] {firm, n.id(), "opened", "Matter opened", Timestamp.from(opened == null ? Instant.now() : opened)});
            if (m.status() != MatterStatus.OPEN) {
                String[] kt = statusMilestone(m.status());
                milestones.add(new Object[] {firm, n.id(), kt[0], kt[1],
                        Timestamp.from(m.sourceUpdatedAt() == null ? Instant.now() : m.sourceUpdatedAt())});
            }
        }
        jdbc.batchUpdate("insert into matter_milestone (firm_id, matter_id, kind, title, occurred_at) values (?, ?, ?, ?, ?)",
                milestones);
    }

    /** Updates from the source; a status change becomes a milestone. */
    public void update(UUID id, UUID clientOrgId, CanonicalMatter m) {
        String previous = jdbc.queryForObject("select status from matter where id = ? for update", String.class, id);
        jdbc.update("""
                update matter set client_org_id = ?, number = ?, display_number = ?, description = ?, status = ?,
                       practice_area = ?, responsible_attorney_name = ?, responsible_attorney_email = ?, open_date = ?,
                       pending_date = ?, close_date = ?, source_updated_at = ?, deleted_at = null, updated_at = now()
                 where id = ?
                """, clientOrgId, m.number(), m.displayNumber(), m.description(), status(m.status()), m.practiceArea(),
                m.responsibleAttorneyName(), m.responsibleAttorneyEmail(), date(m.openDate()), date(m.pendingDate()),
                date(m.closeDate()), ts(m.sourceUpdatedAt()), id);
        if (!status(m.status()).equals(previous)) {
            addStatusMilestone(id, m.status(), m.sourceUpdatedAt());
        }
    }

    public void markDeleted(UUID id) {
        jdbc.update("update matter set deleted_at = now(), updated_at = now() where id = ? and deleted_at is null", id);
    }

    public List<Matter> listVisible(String statusFilter, int limit, int offset) {
        return jdbc.query("""
                select m.*, o.name as org_name from matter m left join client_org o on o.id = m.client_org_id
                 where m.deleted_at is null and (?::text is null or m.status = ?::text)
                 order by m.open_date desc nulls last, m.display_number limit ? offset ?
                """, this::matter, statusFilter, statusFilter, limit, offset);
    }

    public Optional<Matter> findVisible(UUID id) {
        return jdbc.query("select m.*, o.name as org_name from matter m left join client_org o on o.id = m.client_org_id "
                + "where m.id = ? and m.deleted_at is null", this::matter, id).stream().findFirst();
    }

    public List<Milestone> milestones(UUID matterId) {
        return jdbc.query("select kind, title, occurred_at from matter_milestone where matter_id = ? "
                        + "order by occurred_at, created_at",
                (rs, i) -> new Milestone(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), matterId);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from matter where deleted_at is null", Long.class);
    }

    private void addStatusMilestone(UUID id, MatterStatus status, Instant at) {
        String[] kt = statusMilestone(status);
        addMilestone(id, kt[0], kt[1], at);
    }

    /** Kind and client-facing title of the milestone a status change makes. */
    private static String[] statusMilestone(MatterStatus status) {
        return switch (status) {
            case OPEN -> new String[] {"opened", "Matter opened"};
            case PENDING -> new String[] {"pending", "Matter on hold pending further steps"};
            case CLOSED -> new String[] {"closed", "Matter closed"};
        };
    }

    private void addMilestone(UUID matterId, String kind, String title, Instant at) {
        jdbc.update("insert into matter_milestone (firm_id, matter_id, kind, title, occurred_at) values (?, ?, ?, ?, ?)",
                TenantContext.current().orElseThrow().firmId(), matterId, kind, title,
                Timestamp.from(at == null ? Instant.now() : at));
    }

    private Matter matter(ResultSet rs, int i) throws SQLException {
        return new Matter(rs.getObject("id", UUID.class), rs.getObject("client_org_id", UUID.class),
                rs.getString("org_name"), rs.getString("number"), rs.getString("display_number"),
                rs.getString("description"), MatterStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getString("practice_area"), rs.getString("responsible_attorney_name"),
                rs.getString("responsible_attorney_email"), local(rs.getDate("open_date")),
                local(rs.getDate("pending_date")), local(rs.getDate("close_date")),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String status(MatterStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
