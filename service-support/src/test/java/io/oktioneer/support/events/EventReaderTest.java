package io.oktioneer.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

class EventReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads the payload's {@code amount} and {@code names}, and turns down the type "Other". */
    static final class Amounts extends EventReader {
        BigDecimal amount;
        final List<String> names = new ArrayList<>();
        int resets;

        @Override
        protected void reset() {
            amount = null;
            names.clear();
            resets++;
        }

        @Override
        protected boolean wants(String type) {
            return !"Other".equals(type);
        }

        @Override
        protected void payload(JsonParser parser) {
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "amount" -> amount = decimal(parser, token, "payload.amount");
                    case "names" -> {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            names.add(parser.getString());
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
    }

    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheEnvelopeAndHandsThePayloadOverInOnePass() {
        Amounts event = new Amounts();
        boolean read = event.read(JSON, bytes("{'eventId':'e1','type':'Thing','version':1,'occurredAt':"
                + "'2026-11-24T18:00:00.000Z','traceId':'t1','extra':{'deep':[1,2,{'x':3}]},"
                + "'payload':{'skip':{'a':[1]},'amount':12.50,'names':['a','b']}}"));

        assertThat(read).isTrue();
        assertThat(event.eventId()).isEqualTo("e1");
        assertThat(event.type()).isEqualTo("Thing");
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo("2026-11-24T18:00:00.000Z");
        assertThat(event.traceId()).isEqualTo("t1");
        assertThat(event.payloadPresent()).isTrue();
        assertThat(event.amount).isEqualByComparingTo("12.50");
        assertThat(event.names).containsExactly("a", "b");
        assertThat(event.invalid()).isNull();
    }

    @Test
    void readsFieldsInAnyOrderAndForgetsThePreviousRecord() {
        Amounts event = new Amounts();
        event.read(JSON, bytes("{'payload':{'amount':1},'type':'Thing','eventId':'e1'}"));
        assertThat(event.amount).isEqualByComparingTo("1");
        assertThat(event.type()).isEqualTo("Thing");

        event.read(JSON, "{\"type\":\"Thing\",\"payload\":null}");
        assertThat(event.eventId()).isNull();
        assertThat(event.amount).isNull();
        assertThat(event.payloadPresent()).isFalse();
        assertThat(event.resets).isEqualTo(2);
    }

    @Test
    void notesTheFirstFieldOfTheWrongJsonTypeAndReadsItAsAbsent() {
        Amounts event = new Amounts();
        assertThat(event.read(JSON, bytes("{'eventId':5,'type':'Thing','version':'1','payload':{'amount':'x'}}")))
                .isTrue();
        assertThat(event.eventId()).isNull();
        assertThat(event.version()).isNull();
        assertThat(event.amount).isNull();
        assertThat(event.invalid()).isEqualTo("eventId has the wrong JSON type");

        event.read(JSON, bytes("{'type':'Thing','payload':[1,2]}"));
        assertThat(event.payloadPresent()).isFalse();
        assertThat(event.invalid()).isEqualTo("payload has the wrong JSON type");
    }

    @Test
    void stopsAtATypeItDoesNotWant() {
        Amounts event = new Amounts();
        // what follows the type is not even read: a broken rest does not matter
        assertThat(event.read(JSON, "{\"type\":\"Other\",\"payload\":{\"amount\":")).isFalse();
        assertThat(event.type()).isEqualTo("Other");
        assertThat(event.amount).isNull();
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        Amounts event = new Amounts();
        assertThatThrownBy(() -> event.read(JSON, "[1]")).isInstanceOf(MalformedEventException.class)
                .hasMessage("not a JSON object");
        assertThatThrownBy(() -> event.read(JSON, "")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> event.read(JSON, "{\"type\":\"Thing\"} {}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("content after the object");
        assertThatThrownBy(() -> event.read(JSON, "{\"type\":\"Thing\",")).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> event.read(JSON, "not json")).isInstanceOf(JacksonException.class);
    }
}
