package io.oktioneer.history.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.support.events.EventReader;
import io.oktioneer.support.events.MalformedEventException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code preference_events}: one row per event of {@code oktioneer.preferences.v1} (PreferenceUpserted,
 * PreferenceDeleted, UserUpdated, and any later type). Tombstones carry no event and are not stored. Same
 * dedup design as {@link AuctionEventsTable}.
 */
public final class PreferenceEventsTable implements EventTable {

    public static final String NAME = "preference_events";

    public static final String CREATE = """
            CREATE TABLE IF NOT EXISTS {db}.preference_events (
                event_id UUID,
                event_type String,
                event_version Int32,
                occurred_at DateTime('UTC'),
                occurred_at_ms Int64,
                record_key String,
                preference_id Nullable(UUID),
                user_id Nullable(String),
                user_status Nullable(String),
                display_name Nullable(String),
                name Nullable(String),
                categories Array(String),
                brands Array(String),
                max_bid Nullable(Decimal(18, 2)),
                total_budget Nullable(Decimal(18, 2)),
                currency Nullable(String),
                active Nullable(UInt8),
                deleted UInt8,
                preference_version Nullable(Int64),
                trace_id Nullable(String),
                kafka_partition Int32,
                kafka_offset Int64,
                ingested_at DateTime('UTC') DEFAULT now(),
                raw String
            ) ENGINE = ReplacingMergeTree
            PARTITION BY toYYYYMM(occurred_at)
            ORDER BY (occurred_at, event_id)""";

    private static final List<String> COLUMNS = List.of("event_id", "event_type", "event_version", "occurred_at",
            "occurred_at_ms", "record_key", "preference_id", "user_id", "user_status", "display_name", "name",
            "categories", "brands", "max_bid", "total_budget", "currency", "active", "deleted",
            "preference_version", "trace_id", "kafka_partition", "kafka_offset", "raw");

    private static final Set<String> KNOWN_TYPES = Set.of(EventTypes.PREFERENCE_UPSERTED,
            EventTypes.PREFERENCE_DELETED, EventTypes.USER_UPDATED);

    private final JsonMapper mapper;
    private final ObjectReader payloadReader;

    public PreferenceEventsTable(JsonMapper mapper) {
        this.mapper = mapper;
        // the payload is a value inside the record: what follows it is the envelope's
        this.payloadReader = mapper.readerFor(Payload.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public boolean append(ConsumerRecord<byte[], byte[]> record, TsvWriter out) {
        if (record.value() == null) {
            return false;
        }
        Event event = read(record.value());
        UUID eventId = EnvelopeFields.eventId(event.eventId());
        String type = EnvelopeFields.type(event.type());
        long occurredAtMs = EnvelopeFields.occurredAtMillis(event.occurredAt());
        String traceId = EnvelopeFields.traceId(event.traceId(), record);
        if (event.invalid() != null && KNOWN_TYPES.contains(type)) {
            throw new PoisonRecordException(event.invalid());
        }
        Payload p = event.payload;
        if (p == null) {
            if (KNOWN_TYPES.contains(type)) {
                throw new PoisonRecordException("missing payload of " + type);
            }
            p = Payload.EMPTY;
        }
        if (type.equals(EventTypes.USER_UPDATED)) {
            EnvelopeFields.required("payload.userId", p.userId());
        } else if (KNOWN_TYPES.contains(type)) {
            EnvelopeFields.required("payload.preferenceId", p.preferenceId());
        }
        UUID preferenceId = EnvelopeFields.uuid("payload.preferenceId", p.preferenceId());
        BigDecimal maxBid = EnvelopeFields.amount("payload.maxBid", p.maxBid());
        BigDecimal totalBudget = EnvelopeFields.amount("payload.totalBudget", p.totalBudget());
        boolean deleted = type.equals(EventTypes.PREFERENCE_DELETED) || Boolean.TRUE.equals(p.deleted());
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);

        out.uuid(eventId).text(type).number(event.version() == null ? 0 : event.version())
                .dateTime(Math.floorDiv(occurredAtMs, 1000)).number(occurredAtMs).text(key)
                .uuid(preferenceId).string(p.userId()).string(p.userStatus() != null ? p.userStatus() : p.status())
                .string(p.displayName()).string(p.name()).stringArray(p.categories()).stringArray(p.brands())
                .decimal(maxBid).decimal(totalBudget).string(p.currency()).bool(p.active()).bool(deleted)
                .number(p.version()).string(traceId).number(record.partition()).number(record.offset())
                .bytes(record.value());
        out.endRow();
        return true;
    }

    /**
     * One pass of the shared streaming {@link EventReader}, the payload bound to the {@link Payload} union. A
     * payload that does not fit it is fine for an unknown (newer) type, whose payload may have any shape: its
     * envelope is then read alone. It is poison for a known type, or for anything that is not a JSON object.
     */
    private Event read(byte[] value) {
        Event event = new Event(payloadReader);
        try {
            event.read(mapper, value);
            return event;
        } catch (MalformedEventException e) {
            throw new PoisonRecordException(e.getMessage());
        } catch (JacksonException failure) {
            Event bare = new Event(null);
            EnvelopeFields.read(bare, mapper, value);
            if (bare.type() == null || KNOWN_TYPES.contains(bare.type())) {
                throw new PoisonRecordException("payload does not match its type " + bare.type(), failure);
            }
            return bare;
        }
    }

    /** The envelope and, unless {@code payloadReader} is null, the payload bound to the union. */
    private static final class Event extends EventReader {
        private final ObjectReader payloadReader;
        Payload payload;

        Event(ObjectReader payloadReader) {
            this.payloadReader = payloadReader;
        }

        @Override
        protected void reset() {
            payload = null;
        }

        @Override
        protected void payload(JsonParser parser) {
            if (payloadReader == null) {
                parser.skipChildren();
            } else {
                payload = payloadReader.readValue(parser);
            }
        }
    }

    /** The union of the fields of PreferenceUpserted, PreferenceDeleted and UserUpdated. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String preferenceId, String userId, String userStatus, String status, String displayName,
                   String name, List<String> categories, List<String> brands, BigDecimal maxBid,
                   BigDecimal totalBudget, String currency, Boolean active, Boolean deleted, Long version) {
        static final Payload EMPTY = new Payload(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
