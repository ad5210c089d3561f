package io.oktioneer.history.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.history.support.TestEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PreferenceEventsTableTest {

    private static final Instant AT = Instant.parse("2026-11-24T18:00:00.500Z");
    private final PreferenceEventsTable table = new PreferenceEventsTable(HistorySchema.eventMapper());

    private String row(String key, EventEnvelope<?> event) {
        TsvWriter out = new TsvWriter(64);
        boolean written = table.append(new ConsumerRecord<>("oktioneer.preferences.v1", 0, 7L,
                key.getBytes(StandardCharsets.UTF_8), TestEvents.json(event).getBytes(StandardCharsets.UTF_8)), out);
        assertThat(written).isTrue();
        return new String(out.buffer(), 0, out.size(), StandardCharsets.UTF_8);
    }

    private String column(String row, String name) {
        return row.substring(0, row.length() - 1).split("\t", -1)[table.columns().indexOf(name)];
    }

    @Test
    void writesAnUpsertedPreference() {
        UUID id = UUID.randomUUID();
        String row = row(id.toString(), EventEnvelope.of(EventTypes.PREFERENCE_UPSERTED, AT, null,
                new PreferenceUpserted(id, "u42", "ACTIVE", "Vintage", List.of("watches"), List.of("omega", "seiko"),
                        new BigDecimal("250.00"), null, "EUR", true, 3, AT, AT)));

        assertThat(column(row, "preference_id")).isEqualTo(id.toString());
        assertThat(column(row, "categories")).isEqualTo("['watches']");
        assertThat(column(row, "brands")).isEqualTo("['omega','seiko']");
        assertThat(column(row, "max_bid")).isEqualTo("250.00");
        assertThat(column(row, "total_budget")).isEqualTo("\\N");
        assertThat(column(row, "active")).isEqualTo("1");
        assertThat(column(row, "deleted")).isEqualTo("0");
        assertThat(column(row, "preference_version")).isEqualTo("3");
        assertThat(column(row, "occurred_at_ms")).isEqualTo(Long.toString(AT.toEpochMilli()));
    }

    @Test
    void writesDeletesAndUserChanges() {
        UUID id = UUID.randomUUID();
        String deleted = row(id.toString(), EventEnvelope.of(EventTypes.PREFERENCE_DELETED, AT, null,
                new PreferenceDeleted(id, "u42")));
        String user = row("user:u42", EventEnvelope.of(EventTypes.USER_UPDATED, AT, null,
                new UserUpdated("u42", "Ann", "SUSPENDED", false, AT)));

        assertThat(column(deleted, "deleted")).isEqualTo("1");
        assertThat(column(user, "record_key")).isEqualTo("user:u42");
        assertThat(column(user, "user_status")).isEqualTo("SUSPENDED");
        assertThat(column(user, "display_name")).isEqualTo("Ann");
        assertThat(column(user, "preference_id")).isEqualTo("\\N");
    }

    @Test
    void skipsTombstonesAndRefusesAKnownTypeWithoutItsId() {
        assertThat(table.append(new ConsumerRecord<>("t", 0, 0L, new byte[1], null), new TsvWriter(8))).isFalse();
        String json = TestEvents.json(EventEnvelope.of(EventTypes.PREFERENCE_DELETED, AT, null,
                new PreferenceDeleted(null, "u42")));
        assertThatThrownBy(() -> table.append(new ConsumerRecord<>("t", 0, 0L, null,
                json.getBytes(StandardCharsets.UTF_8)), new TsvWriter(8)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("payload.preferenceId");
    }

    @Test
    void keepsTheEnvelopeOfANewerTypeWhosePayloadDoesNotFitAndRefusesAKnownOne() {
        String newer = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"PreferenceArchived\",\"version\":2,"
                + "\"occurredAt\":\"2026-11-24T18:00:00.500Z\",\"payload\":{\"categories\":7}}";
        TsvWriter out = new TsvWriter(64);
        assertThat(table.append(new ConsumerRecord<>("t", 0, 0L, null, newer.getBytes(StandardCharsets.UTF_8)), out))
                .isTrue();
        String row = new String(out.buffer(), 0, out.size(), StandardCharsets.UTF_8);
        assertThat(column(row, "event_type")).isEqualTo("PreferenceArchived");
        assertThat(column(row, "event_version")).isEqualTo("2");
        assertThat(column(row, "categories")).isEqualTo("[]");

        String known = newer.replace("PreferenceArchived", EventTypes.PREFERENCE_UPSERTED);
        assertThatThrownBy(() -> table.append(new ConsumerRecord<>("t", 0, 0L, null,
                known.getBytes(StandardCharsets.UTF_8)), new TsvWriter(8)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("does not match its type");
        assertThatThrownBy(() -> table.append(new ConsumerRecord<>("t", 0, 0L, null,
                "[1]".getBytes(StandardCharsets.UTF_8)), new TsvWriter(8)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("not a JSON object");
    }
}
