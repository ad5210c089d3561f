package io.oktioneer.history.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.oktioneer.contracts.EventTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
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
    private final ObjectReader envelopeReader;

    public PreferenceEventsTable(JsonMapper mapper) {
        this.mapper = mapper;
        this.envelopeReader = mapper.readerFor(Envelope.class);
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
        Envelope envelope = read(record.value());
        UUID eventId = EnvelopeFields.eventId(envelope.eventId());
        String type = EnvelopeFields.type(envelope.type());
        long occurredAtMs = EnvelopeFields.occurredAtMillis(envelope.occurredAt());
        String traceId = EnvelopeFields.traceId(envelope.traceId(), record);
        Payload p = envelope.payload();
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

        out.uuid(eventId).text(type).number(envelope.version() == null ? 0 : envelope.version())
                .dateTime(Math.floorDiv(occurredAtMs, 1000)).number(occurredAtMs).text(key)
                .uuid(preferenceId).string(p.userId()).string(p.userStatus() != null ? p.userStatus() : p.status())
                .string(p.displayName()).string(p.name()).stringArray(p.categories()).stringArray(p.brands())
                .decimal(maxBid).decimal(totalBudget).string(p.currency()).bool(p.active()).bool(deleted)
                .number(p.version()).string(traceId).number(record.partition()).number(record.offset())
                .bytes(record.value());
        out.endRow();
        return true;
    }

    private Envelope read(byte[] value) {
        try {
            return envelopeReader.readValue(value);
        } catch (JacksonException e) {
            EnvelopeFields.Bare bare = EnvelopeFields.unknownTypeEnvelope(mapper, value, KNOWN_TYPES, e);
            return new Envelope(bare.eventId(), bare.type(), bare.version(), bare.occurredAt(), bare.traceId(), null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope(String eventId, String type, Integer version, String occurredAt, String traceId,
                    Payload payload) {
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
