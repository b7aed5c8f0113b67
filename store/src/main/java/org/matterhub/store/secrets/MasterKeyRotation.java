package org.matterhub.store.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Re-encrypts every envelope of every {@link SealedColumn} under the primary master key, so that the previous keys can
 * be removed from configuration (docs/operations.md, "Rotating the master key").
 *
 * <p>Each row is re-encrypted in a transaction of its own, inside its firm's scope (row-level security applies as
 * everywhere), and written only if it still holds the envelope that was read, so a node writing the same row
 * meanwhile is never overwritten. An envelope already sealed by the primary is left alone: a run interrupted at any
 * point is simply run again. An envelope no configured key opens is left as it is and counted as failed; nothing is
 * ever deleted. Format 1 envelopes (no key id) are rewritten in format 2. No secret and no key is logged.
 */
@Component
public class MasterKeyRotation {

    /** Told after each row the rotation has rewritten (the command prints progress from it). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (column, firm) -> { };

        void rewritten(SealedColumn column, UUID firm);
    }

    /** Rows per column: rewritten now, already under the primary, and failed (still sealed by another key). */
    public record Report(String primaryKeyId, Map<String, int[]> columns) {

        public int rewritten() {
            return columns.values().stream().mapToInt(c -> c[0]).sum();
        }

        public int current() {
            return columns.values().stream().mapToInt(c -> c[1]).sum();
        }

        public int failed() {
            return columns.values().stream().mapToInt(c -> c[2]).sum();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

    private final Tenancy tenancy;
    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;

    public MasterKeyRotation(Tenancy tenancy, JdbcTemplate jdbc, SecretCipher cipher) {
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Report rotate() {
        return rotate(Progress.NONE);
    }

    /** Every firm's envelopes, telling {@code progress} after each rewritten row. */
    public Report rotate(Progress progress) {
        return rotate(jdbc.queryForList("select mh_firm_ids()", UUID.class), progress);
    }

    /** These firms' envelopes only. */
    Report rotate(List<UUID> firms, Progress progress) {
        Map<String, int[]> columns = new LinkedHashMap<>();
        SealedColumn.ALL.forEach(c -> columns.put(c.toString(), new int[3]));
        for (UUID firm : firms) {
            for (SealedColumn column : SealedColumn.ALL) {
                int[] counts = columns.get(column.toString());
                for (List<Object> key : keys(firm, column)) {
                    switch (rewrite(firm, column, key)) {
                        case REWRITTEN -> {
                            counts[0]++;
                            progress.rewritten(column, firm);
                        }
                        case CURRENT -> counts[1]++;
                        case FAILED -> counts[2]++;
                    }
                }
            }
        }
        Report report = new Report(cipher.primaryKeyId(), columns);
        log.info("Master key rotation to {}: {} envelopes rewritten, {} already current, {} failed",
                report.primaryKeyId(), report.rewritten(), report.current(), report.failed());
        return report;
    }

    private enum Outcome { REWRITTEN, CURRENT, FAILED }

    private List<List<Object>> keys(UUID firm, SealedColumn column) {
        String sql = "select " + String.join(", ", column.keys()) + " from " + column.table() + " where "
                + column.column() + " is not null order by " + String.join(", ", column.keys());
        return tenancy.read(TenantScope.system(firm), () -> jdbc.query(sql, (rs, i) -> {
            List<Object> key = new ArrayList<>();
            for (int c = 1; c <= column.keys().size(); c++) {
                key.add(rs.getObject(c));
            }
            return key;
        }));
    }

    private Outcome rewrite(UUID firm, SealedColumn column, List<Object> key) {
        String where = String.join(" and ", column.keys().stream().map(k -> k + " = ?").toList());
        return tenancy.write(TenantScope.system(firm), () -> {
            List<byte[]> found = jdbc.queryForList("select " + column.column() + " from " + column.table() + " where "
                    + where + " for update", byte[].class, key.toArray());
            byte[] envelope = found.isEmpty() ? null : found.get(0);
            if (envelope == null || cipher.sealedByPrimary(envelope)) {
                return Outcome.CURRENT;
            }
            String aad = column.aad().apply(key);
            String plaintext;
            try {
                plaintext = cipher.decrypt(envelope, aad);
            } catch (RuntimeException e) {
                log.error("Master key rotation: {} of firm {} (key {}) does not open: {}", column, firm,
                        SecretCipher.keyIdOf(envelope), e.getMessage());
                return Outcome.FAILED;
            }
            List<Object> args = new ArrayList<>();
            args.add(cipher.encrypt(plaintext, aad));
            args.addAll(key);
            jdbc.update("update " + column.table() + " set " + column.column() + " = ? where " + where, args.toArray());
            return Outcome.REWRITTEN;
        });
    }
}
