package io.oktioneer.support.events;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one event (an {@code EventEnvelope} in JSON, SPEC §5) in a single pass of Jackson's streaming parser,
 * the way every consumer decodes its records: the envelope's {@code eventId, type, version, occurredAt, traceId}
 * here, the payload by the subclass ({@link #payload}), everything else skipped, in any field order. No tree is
 * built: the engine's feed and the history ingest read most of the records on the platform through this.
 *
 * <p>An envelope field of the wrong JSON type is read as absent and noted in {@link #invalid()} (a newer event
 * type may reuse a name), so that each consumer decides what such a record is worth. The subclass may stop early
 * when the type is not one it wants ({@link #wants}). An instance holds the fields of the last record read: one
 * per thread, reusable.
 */
public abstract class EventReader {

    private String eventId;
    private String type;
    private Integer version;
    private String occurredAt;
    private String traceId;
    private boolean payloadPresent;
    private String invalid;

    /**
     * Reads one record.
     *
     * @return true when it was read to its end; false when {@link #wants} turned its type down (the rest unread)
     * @throws tools.jackson.core.JacksonException when it is not JSON
     * @throws MalformedEventException when it is JSON but not one object
     */
    public final boolean read(ObjectMapper json, byte[] value) {
        try (JsonParser parser = json.createParser(value)) {
            return read(parser);
        }
    }

    /** {@link #read(ObjectMapper, byte[])} of a record read as text. */
    public final boolean read(ObjectMapper json, String value) {
        try (JsonParser parser = json.createParser(value)) {
            return read(parser);
        }
    }

    private boolean read(JsonParser parser) {
        clear();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedEventException("not a JSON object");
        }
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "eventId" -> eventId = string(parser, token, name);
                case "type" -> {
                    type = string(parser, token, name);
                    if (!wants(type)) {
                        return false;
                    }
                }
                case "version" -> version = integer(parser, token, name);
                case "occurredAt" -> occurredAt = string(parser, token, name);
                case "traceId" -> traceId = string(parser, token, name);
                case "payload" -> payload(parser, token);
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new MalformedEventException("not JSON: content after the object");
        }
        end();
        return true;
    }

    private void payload(JsonParser parser, JsonToken token) {
        if (object(parser, token, "payload")) {
            payloadPresent = true;
            payload(parser);
        }
    }

    private void clear() {
        eventId = null;
        type = null;
        version = null;
        occurredAt = null;
        traceId = null;
        payloadPresent = false;
        invalid = null;
        reset();
    }

    /** Forgets the payload of the previous record (called before each read). */
    protected abstract void reset();

    /**
     * Reads the payload object: the parser is on its {@code START_OBJECT}, and must be left on the matching
     * {@code END_OBJECT} (read its members with {@code nextName()}, {@code skipChildren()} what is not needed).
     * The type is known here when it came first, as every producer of the platform writes it.
     */
    protected abstract void payload(JsonParser parser);

    /** Whether to read on once the type is known ({@code null}: not a string); false stops the read. */
    protected boolean wants(String type) {
        return true;
    }

    /** Called after a record was read to its end. */
    protected void end() {
    }

    /** Notes the first field of the wrong JSON type. */
    protected final void invalid(String field) {
        if (invalid == null) {
            invalid = field + " has the wrong JSON type";
        }
    }

    /**
     * Whether the field is an object (then the parser is on its {@code START_OBJECT}); false when null, or of
     * another JSON type (noted and skipped).
     */
    protected final boolean object(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.START_OBJECT) {
            return true;
        }
        wrongType(parser, token, field);
        return false;
    }

    /** A string field; null when null or of another JSON type (noted). */
    protected final String string(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        return wrongType(parser, token, field);
    }

    /** An integer field that fits an int; null when null or of another JSON type (noted). */
    protected final Integer integer(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        return wrongType(parser, token, field);
    }

    /** A number field, exactly; null when null or of another JSON type (noted). */
    protected final BigDecimal decimal(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        return wrongType(parser, token, field);
    }

    /** A number field as a double; null when null or of another JSON type (noted). */
    protected final Double real(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        return wrongType(parser, token, field);
    }

    private <T> T wrongType(JsonParser parser, JsonToken token, String field) {
        if (token != JsonToken.VALUE_NULL) {
            invalid(field);
            parser.skipChildren();
        }
        return null;
    }

    public final String eventId() {
        return eventId;
    }

    /** The event type; null when absent or not a string. */
    public final String type() {
        return type;
    }

    public final Integer version() {
        return version;
    }

    public final String occurredAt() {
        return occurredAt;
    }

    public final String traceId() {
        return traceId;
    }

    /** Whether the record had a payload object ({@code null} is none). */
    public final boolean payloadPresent() {
        return payloadPresent;
    }

    /** The first field of the wrong JSON type, as a sentence ("payload.round has the wrong JSON type"); or null. */
    public final String invalid() {
        return invalid;
    }
}
