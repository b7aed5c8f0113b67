package org.matterhub.store.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reply tokens the hub issued and the mails it read from the reply mailbox (V25). */
@Repository
public class ReplyMailRepository {

    /** What a token id stands for, whichever firm issued it. */
    public record TokenRecord(long tokenId, UUID firmId, UUID userId, UUID threadId, Instant expiresAt, boolean revoked) {
    }

    private final JdbcTemplate jdbc;

    public ReplyMailRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a token issued in the bound firm (system scope). */
    public void issued(long tokenId, UUID userId, UUID threadId, Instant expiresAt) {
        jdbc.update("insert into reply_token (token_id, firm_id, user_id, thread_id, expires_at) values (?, ?, ?, ?, ?)",
                tokenId, firm(), userId, threadId, Timestamp.from(expiresAt));
    }

    /** The token behind an id, across firms (a SECURITY DEFINER function: no scope is needed). */
    public Optional<TokenRecord> token(long tokenId) {
        return jdbc.query("select firm_id, user_id, thread_id, expires_at, revoked from mh_reply_token(?)",
                (rs, i) -> new TokenRecord(tokenId, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)), tokenId)
                .stream().findFirst();
    }

    /** The address of a person who may still answer: active, in the bound firm. */
    public Optional<String> activeEmail(UUID userId) {
        return jdbc.query("select email from portal_user where id = ? and status <> 'revoked'",
                (rs, i) -> rs.getString(1), userId).stream().findFirst();
    }

    public boolean isFirmPerson(UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select kind = 'firm' from portal_user where id = ?", Boolean.class,
                userId));
    }

    /**
     * Records a mail read in the bound firm; false when this Message-ID was recorded before (a repeated delivery), in
     * which case nothing is written.
     */
    public boolean record(String messageId, Long tokenId, UUID threadId, String verdict, String reason,
                          UUID postedMessageId, boolean explained) {
        return insert(messageId, tokenId, threadId, verdict, reason, postedMessageId, explained, null) == 1;
    }

    /** What {@link #record(String, Long, UUID, String, String, UUID, String, int)} did. */
    public enum Recorded {
        /** The Message-ID was recorded before: nothing written, nobody to tell. */
        SEEN,
        /** Recorded; tell the sender (within their hourly allowance of explanations). */
        EXPLAIN,
        /** Recorded; the sender is not told (none may be, or they were told enough this hour). */
        QUIET
    }

    /**
     * Records a mail read in the bound firm and decides whether its sender may be told about it: at most
     * {@code perHour} explanations go to one address (lower-cased) per firm in any hour. Concurrent deliveries to one
     * address are serialised on a transaction-scoped advisory lock, so nodes cannot together pass the limit.
     *
     * @param explainTo where an explanation would go, or null when none may be sent
     */
    public Recorded record(String messageId, Long tokenId, UUID threadId, String verdict, String reason,
                           UUID postedMessageId, String explainTo, int perHour) {
        String to = explainTo == null ? null : explainTo.strip().toLowerCase(java.util.Locale.ROOT);
        boolean explain = false;
        if (to != null && perHour > 0) {
            jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> null, firm() + " explain " + to);
            Long recent = jdbc.queryForObject("select count(*) from inbound_mail where explained and explained_to = ? "
                    + "and received_at > now() - interval '1 hour'", Long.class, to);
            explain = recent != null && recent < perHour;
        }
        if (insert(messageId, tokenId, threadId, verdict, reason, postedMessageId, explain, explain ? to : null) == 0) {
            return Recorded.SEEN;
        }
        return explain ? Recorded.EXPLAIN : Recorded.QUIET;
    }

    private int insert(String messageId, Long tokenId, UUID threadId, String verdict, String reason, UUID postedMessageId,
                       boolean explained, String explainedTo) {
        return jdbc.update("insert into inbound_mail (firm_id, message_id, token_id, thread_id, verdict, reason, "
                + "posted_message_id, explained, explained_to) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (firm_id, message_id) do nothing",
                firm(), messageId, tokenId, threadId, verdict, reason, postedMessageId, explained, explainedTo);
    }

    public boolean seen(String messageId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from inbound_mail where message_id = ?)",
                Boolean.class, messageId));
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }
}
