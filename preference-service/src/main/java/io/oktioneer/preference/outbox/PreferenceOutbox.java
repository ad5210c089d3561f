package io.oktioneer.preference.outbox;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.Topics;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.preference.preference.Preference;
import io.oktioneer.preference.user.User;
import io.oktioneer.preference.user.UserStatus;
import io.oktioneer.support.outbox.OutboxRelay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the events of a change into the outbox table, inside the transaction of the change: they are
 * published if and only if the change commits (no lost event, no phantom event). Record keys and values follow
 * docs/INTERFACES: key = preferenceId (or {@code user:<userId>}), value = an {@link EventEnvelope} in JSON, or
 * null (a tombstone) after each PreferenceDeleted.
 */
@Component
public class PreferenceOutbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TraceContext trace;
    private final OutboxRelay relay;

    PreferenceOutbox(JdbcTemplate jdbc, JsonMapper json, TraceContext trace, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.trace = trace;
        this.relay = relay;
    }

    /** Upserts with the user's status; must run inside the transaction that made the change. */
    public void preferencesUpserted(List<Preference> preferences, UserStatus userStatus) {
        TraceContext.Current current = trace.current();
        List<Row> rows = new ArrayList<>();
        for (Preference p : preferences) {
            PreferenceUpserted payload = new PreferenceUpserted(p.id(), p.userId(), userStatus.name(), p.name(),
                    p.categories(), p.brands(), p.maxBid(), p.totalBudget(), p.currency(), p.active(), p.version(),
                    p.createdAt(), p.updatedAt());
            rows.add(event(p.id().toString(), EventTypes.PREFERENCE_UPSERTED, p.updatedAt(), payload, current));
        }
        append(rows);
    }

    /** For each preference a PreferenceDeleted, then a tombstone with the same key. */
    public void preferencesDeleted(List<Preference> preferences, Instant now) {
        TraceContext.Current current = trace.current();
        List<Row> rows = new ArrayList<>();
        for (Preference p : preferences) {
            String key = p.id().toString();
            rows.add(event(key, EventTypes.PREFERENCE_DELETED, now, new PreferenceDeleted(p.id(), p.userId()), current));
            rows.add(new Row(key, null, current.traceparent()));
        }
        append(rows);
    }

    public void userUpdated(User user, boolean deleted, Instant now) {
        TraceContext.Current current = trace.current();
        UserUpdated payload = new UserUpdated(user.userId(), user.displayName(), user.status().name(), deleted,
                deleted ? now : user.updatedAt());
        append(List.of(event(Topics.userKey(user.userId()), EventTypes.USER_UPDATED, now, payload, current)));
    }

    private Row event(String key, String type, Instant occurredAt, Object payload, TraceContext.Current current) {
        EventEnvelope<Object> envelope = EventEnvelope.of(type, occurredAt, current.traceId(), payload);
        return new Row(key, json.writeValueAsString(envelope), current.traceparent());
    }

    private void append(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox rows must be written inside the change's transaction");
        }
        jdbc.batchUpdate("INSERT INTO outbox (message_key, payload, traceparent) VALUES (?, ?, ?)", rows, rows.size(),
                (ps, row) -> {
                    ps.setString(1, row.key());
                    ps.setString(2, row.payload());
                    ps.setString(3, row.traceparent());
                });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    private record Row(String key, String payload, String traceparent) {
    }
}
