package io.oktioneer.gateway.apikey;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.ratelimit.Limit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PostgreSQL table {@code api_keys}. Blocking JDBC: callers run it off the event loop. */
public class ApiKeyRepository {

    public enum Revocation { REVOKED, ALREADY_REVOKED, NOT_FOUND }

    private static final String COLUMNS =
            "id, key_hash, role, user_id, exchange, rate_per_second, rate_burst, created_at, revoked_at, updated_at";

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String hash, ApiKey key, Instant createdAt) {
        Limit limit = key.rateLimit();
        jdbc.sql("""
                INSERT INTO api_keys (id, key_hash, role, user_id, exchange, rate_per_second, rate_burst, created_at)
                VALUES (:id, :hash, :role, :userId, :exchange, :perSecond, :burst, :createdAt)""")
                .param("id", UUID.fromString(key.id()))
                .param("hash", hash)
                .param("role", key.role().name())
                .param("userId", key.userId())
                .param("exchange", key.exchange())
                .param("perSecond", limit == null ? null : limit.perSecond())
                .param("burst", limit == null ? null : limit.burst())
                .param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    public Revocation revoke(UUID id) {
        int changed = jdbc.sql("""
                UPDATE api_keys SET revoked_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE id = :id AND revoked_at IS NULL""")
                .param("id", id)
                .update();
        if (changed == 1) {
            return Revocation.REVOKED;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM api_keys WHERE id = :id").param("id", id)
                .query(Long.class).single() > 0;
        return exists ? Revocation.ALREADY_REVOKED : Revocation.NOT_FOUND;
    }

    /** The database's clock, which stamps {@code updated_at}. */
    public Instant now() {
        return jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class).single().toInstant();
    }

    /** Every active key (the first read). */
    public List<StoredApiKey> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE revoked_at IS NULL")
                .query(ApiKeyRepository::row).list();
    }

    /** Keys created or revoked after {@code since}, active or not. */
    public List<StoredApiKey> changedAfter(Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE updated_at > :since")
                .param("since", since.atOffset(ZoneOffset.UTC))
                .query(ApiKeyRepository::row).list();
    }

    /** A key as the admin listing shows it: never the key or its hash. */
    public record Listed(String id, String role, String userId, String exchange, RateLimitView rateLimit,
            String createdAt, boolean revoked, String revokedAt) {
    }

    public record RateLimitView(long perSecond, long burst) {
    }

    long count(ApiKeyQuery query) {
        return filtered("SELECT count(*) FROM api_keys", query, "").query(Long.class).single();
    }

    List<Listed> list(ApiKeyQuery query) {
        return filtered("SELECT id, role, user_id, exchange, rate_per_second, rate_burst, created_at, revoked_at"
                + " FROM api_keys", query, " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .param("limit", query.size()).param("offset", query.offset())
                .query((rs, rowNum) -> {
                    long perSecond = rs.getLong("rate_per_second");
                    RateLimitView limit = rs.wasNull() ? null : new RateLimitView(perSecond, rs.getLong("rate_burst"));
                    OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
                    return new Listed(rs.getString("id"), rs.getString("role"), rs.getString("user_id"),
                            rs.getString("exchange"), limit,
                            ISO_MILLIS.format(rs.getObject("created_at", OffsetDateTime.class)),
                            revokedAt != null, revokedAt == null ? null : ISO_MILLIS.format(revokedAt));
                }).list();
    }

    private JdbcClient.StatementSpec filtered(String select, ApiKeyQuery query, String tail) {
        List<String> conditions = new ArrayList<>(4);
        Map<String, Object> params = new HashMap<>(4);
        if (query.role() != null) {
            conditions.add("role = :role");
            params.put("role", query.role().name());
        }
        if (query.userId() != null) {
            conditions.add("user_id = :userId");
            params.put("userId", query.userId());
        }
        if (query.exchange() != null) {
            conditions.add("exchange = :exchange");
            params.put("exchange", query.exchange());
        }
        if (query.revoked() != null) {
            conditions.add(query.revoked() ? "revoked_at IS NOT NULL" : "revoked_at IS NULL");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql(select + where + tail).params(params);
    }

    private static StoredApiKey row(ResultSet rs, int rowNum) throws SQLException {
        long perSecond = rs.getLong("rate_per_second");
        Limit limit = rs.wasNull() ? null : new Limit(perSecond, rs.getLong("rate_burst"));
        ApiKey key = new ApiKey(rs.getString("id"), Role.valueOf(rs.getString("role")), rs.getString("user_id"),
                rs.getString("exchange"), limit);
        return new StoredApiKey(key, rs.getString("key_hash"), instant(rs, "created_at"),
                rs.getObject("revoked_at") != null, instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
