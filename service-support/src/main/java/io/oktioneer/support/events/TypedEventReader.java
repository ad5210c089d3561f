package io.oktioneer.support.events;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * An {@link EventReader} that binds the payload to the record class its type names (e.g.
 * {@code PreferenceUpserted}), straight from the parser; events of other types are not read past their type. A
 * payload that came before its type is buffered and bound at the end. Not thread-safe: one per consumer thread.
 */
public final class TypedEventReader extends EventReader {

    private final ObjectMapper json;
    private final Map<String, ObjectReader> payloadReaders = new HashMap<>();
    private final ObjectReader treeReader;
    private Object payload;
    private JsonNode early;

    /** {@code payloadTypes}: the types read, each with the record class of its payload. */
    public TypedEventReader(ObjectMapper json, Map<String, Class<?>> payloadTypes) {
        this.json = json;
        payloadTypes.forEach((type, target) -> payloadReaders.put(type, inner(json.readerFor(target))));
        this.treeReader = inner(json.readerFor(JsonNode.class));
    }

    /** A reader of a value inside the record: what follows it is the envelope's business. */
    private static ObjectReader inner(ObjectReader reader) {
        return reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads one record.
     *
     * @return whether it is an event of one of the types read (then {@link #payload} has its payload)
     * @throws tools.jackson.core.JacksonException when it is not JSON, or its payload does not fit its type
     * @throws MalformedEventException when it is JSON but not one object
     */
    public boolean read(String value) {
        return read(json, value) && type() != null && payloadReaders.containsKey(type());
    }

    /** The payload of the last record read, of the class its type names. */
    public <T> T payload(Class<T> expected) {
        if (payload == null) {
            throw new IllegalArgumentException("payload of " + type() + " is missing");
        }
        return expected.cast(payload);
    }

    @Override
    protected void reset() {
        payload = null;
        early = null;
    }

    @Override
    protected boolean wants(String type) {
        return type != null && payloadReaders.containsKey(type);
    }

    @Override
    protected void payload(JsonParser parser) {
        ObjectReader reader = type() == null ? null : payloadReaders.get(type());
        if (reader != null) {
            payload = reader.readValue(parser);
        } else {
            early = treeReader.readValue(parser);
        }
    }

    @Override
    protected void end() {
        ObjectReader reader = early == null || type() == null ? null : payloadReaders.get(type());
        if (reader != null) {
            payload = reader.readValue(early);
        }
    }
}
