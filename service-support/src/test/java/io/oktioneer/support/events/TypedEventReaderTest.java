package io.oktioneer.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.UserUpdated;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class TypedEventReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-24T18:00:00.123Z");

    private final TypedEventReader reader = new TypedEventReader(JSON, Map.of(
            EventTypes.PREFERENCE_DELETED, PreferenceDeleted.class, EventTypes.USER_UPDATED, UserUpdated.class));

    @Test
    void bindsThePayloadToTheRecordItsTypeNames() {
        UUID id = UUID.randomUUID();
        String deleted = JSON.writeValueAsString(EventEnvelope.of(EventTypes.PREFERENCE_DELETED, AT, "t1",
                new PreferenceDeleted(id, "u42")));
        assertThat(reader.read(deleted)).isTrue();
        assertThat(reader.type()).isEqualTo(EventTypes.PREFERENCE_DELETED);
        assertThat(reader.traceId()).isEqualTo("t1");
        assertThat(reader.payload(PreferenceDeleted.class)).isEqualTo(new PreferenceDeleted(id, "u42"));

        String user = JSON.writeValueAsString(EventEnvelope.of(EventTypes.USER_UPDATED, AT, null,
                new UserUpdated("u42", "Ann", "ACTIVE", false, AT)));
        assertThat(reader.read(user)).isTrue();
        assertThat(reader.payload(UserUpdated.class).displayName()).isEqualTo("Ann");
    }

    @Test
    void bindsAPayloadThatCameBeforeItsType() {
        UUID id = UUID.randomUUID();
        assertThat(reader.read("{\"payload\":{\"preferenceId\":\"" + id + "\",\"userId\":\"u1\"},\"type\":\""
                + EventTypes.PREFERENCE_DELETED + "\"}")).isTrue();
        assertThat(reader.payload(PreferenceDeleted.class)).isEqualTo(new PreferenceDeleted(id, "u1"));
    }

    @Test
    void doesNotReadOtherTypes() {
        assertThat(reader.read("{\"type\":\"SomethingNewer\",\"payload\":{\"whatever\":[1]}}")).isFalse();
        assertThat(reader.read("{\"payload\":{\"whatever\":[1]}}")).isFalse();
        assertThat(reader.read("{\"type\":7}")).isFalse();
    }

    @Test
    void refusesAMissingOrMisshapenPayload() {
        assertThat(reader.read("{\"type\":\"" + EventTypes.PREFERENCE_DELETED + "\"}")).isTrue();
        assertThatThrownBy(() -> reader.payload(PreferenceDeleted.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> reader.read("{\"type\":\"" + EventTypes.PREFERENCE_DELETED
                + "\",\"payload\":{\"preferenceId\":[1]}}")).isInstanceOf(JacksonException.class);
    }
}
