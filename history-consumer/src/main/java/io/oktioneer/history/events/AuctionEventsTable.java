package io.oktioneer.history.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.oktioneer.contracts.EventTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code auction_events}: one row per event of {@code oktioneer.auctions.v1} (AuctionEvaluated,
 * AuctionResultRecorded, AuctionExpired, and any later type, kept with its envelope and raw JSON), typed columns
 * for what analytics reads, plus the raw event. A ReplacingMergeTree whose sorting key ends with the event id:
 * a redelivered event has the same {@code occurred_at}, so it lands in the same partition and collapses
 * with its first copy; queries read {@code FINAL} so copies not merged yet never count twice.
 */
public final class AuctionEventsTable implements EventTable {

    public static final String NAME = "auction_events";

    public static final String CREATE = """
            CREATE TABLE IF NOT EXISTS {db}.auction_events (
                event_id UUID,
                event_type String,
                event_version Int32,
                occurred_at DateTime('UTC'),
                occurred_at_ms Int64,
                decision_id Nullable(UUID),
                exchange String,
                auction_id String,
                round Nullable(Int32),
                category Nullable(String),
                brand Nullable(String),
                auction_type Nullable(String),
                decision Nullable(String),
                reason Nullable(String),
                outcome Nullable(String),
                user_id Nullable(String),
                preference_id Nullable(UUID),
                bid_amount Nullable(Decimal(18, 2)),
                floor_price Nullable(Decimal(18, 2)),
                clearing_price Nullable(Decimal(18, 2)),
                released_amount Nullable(Decimal(18, 2)),
                currency Nullable(String),
                candidates Nullable(Int32),
                latency_ms Nullable(Float64),
                engine_latency_ms Nullable(Float64),
                trace_id Nullable(String),
                kafka_partition Int32,
                kafka_offset Int64,
                ingested_at DateTime('UTC') DEFAULT now(),
                raw String
            ) ENGINE = ReplacingMergeTree
            PARTITION BY toYYYYMM(occurred_at)
            ORDER BY (occurred_at, event_id)""";

    private static final List<String> COLUMNS = List.of("event_id", "event_type", "event_version", "occurred_at",
            "occurred_at_ms", "decision_id", "exchange", "auction_id", "round", "category", "brand", "auction_type",
            "decision", "reason", "outcome", "user_id", "preference_id", "bid_amount", "floor_price",
            "clearing_price", "released_amount", "currency", "candidates", "latency_ms", "engine_latency_ms",
            "trace_id", "kafka_partition", "kafka_offset", "raw");

    private static final Set<String> KNOWN_TYPES = Set.of(EventTypes.AUCTION_EVALUATED,
            EventTypes.AUCTION_RESULT_RECORDED, EventTypes.AUCTION_EXPIRED);

    private final ObjectReader envelopeReader;
    private final JsonMapper mapper;

    public AuctionEventsTable(JsonMapper mapper) {
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
        write(decode(record), out);
        return true;
    }

    /** The typed row of one record; throws {@link PoisonRecordException} when it cannot be one. */
    public AuctionEventRow decode(ConsumerRecord<byte[], byte[]> record) {
        Envelope envelope = read(record.value());
        UUID eventId = EnvelopeFields.eventId(envelope.eventId());
        String type = EnvelopeFields.type(envelope.type());
        Instant occurredAt = EnvelopeFields.occurredAt(envelope.occurredAt());
        String traceId = EnvelopeFields.traceId(envelope.traceId(), record);
        Payload p = envelope.payload();
        boolean known = KNOWN_TYPES.contains(type);
        if (p == null) {
            if (known) {
                throw new PoisonRecordException("missing payload of " + type);
            }
            p = Payload.EMPTY;
        }
        String exchange = known ? EnvelopeFields.required("payload.exchange", p.exchange()) : p.exchange();
        String auctionId = known ? EnvelopeFields.required("payload.auctionId", p.auctionId()) : p.auctionId();
        if (type.equals(EventTypes.AUCTION_EVALUATED)) {
            EnvelopeFields.required("payload.decision", p.decision());
        } else if (type.equals(EventTypes.AUCTION_RESULT_RECORDED)) {
            EnvelopeFields.required("payload.outcome", p.outcome());
        }
        Bid bid = p.bid() == null ? Bid.EMPTY : p.bid();
        Item item = p.item() == null ? Item.EMPTY : p.item();
        String currency = p.currency() != null ? p.currency() : bid.currency();
        return new AuctionEventRow(eventId, type, envelope.version() == null ? 0 : envelope.version(),
                occurredAt.toEpochMilli(), EnvelopeFields.uuid("payload.decisionId", p.decisionId()),
                exchange, auctionId, EnvelopeFields.nonNegative("payload.round", p.round()),
                EnvelopeFields.normalisedKey(item.category()), EnvelopeFields.normalisedKey(item.brand()),
                p.auctionType(), p.decision(), p.reason(), p.outcome(), bid.userId(),
                EnvelopeFields.uuid("payload.bid.preferenceId", bid.preferenceId()),
                EnvelopeFields.amount("payload.bid.amount", bid.amount()),
                EnvelopeFields.amount("payload.floorPrice", p.floorPrice()),
                EnvelopeFields.amount("payload.clearingPrice", p.clearingPrice()),
                EnvelopeFields.amount("payload.releasedAmount", p.releasedAmount()), currency,
                EnvelopeFields.nonNegative("payload.candidates", p.candidates()), p.latencyMs(),
                p.engineLatencyMs(), traceId, record.partition(), record.offset(), record.value());
    }

    private Envelope read(byte[] value) {
        try {
            return envelopeReader.readValue(value);
        } catch (JacksonException e) {
            EnvelopeFields.Bare bare = EnvelopeFields.unknownTypeEnvelope(mapper, value, KNOWN_TYPES, e);
            return new Envelope(bare.eventId(), bare.type(), bare.version(), bare.occurredAt(), bare.traceId(), null);
        }
    }

    private static void write(AuctionEventRow row, TsvWriter out) {
        out.uuid(row.eventId()).text(row.eventType()).number(row.eventVersion())
                .dateTime(Math.floorDiv(row.occurredAtMs(), 1000)).number(row.occurredAtMs())
                .uuid(row.decisionId()).text(row.exchange()).text(row.auctionId()).number(row.round())
                .string(row.category()).string(row.brand()).string(row.auctionType()).string(row.decision())
                .string(row.reason()).string(row.outcome()).string(row.userId()).uuid(row.preferenceId())
                .decimal(row.bidAmount()).decimal(row.floorPrice()).decimal(row.clearingPrice())
                .decimal(row.releasedAmount()).string(row.currency()).number(row.candidates())
                .real(row.latencyMs()).real(row.engineLatencyMs()).string(row.traceId())
                .number(row.partition()).number(row.offset()).bytes(row.raw());
        out.endRow();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope(String eventId, String type, Integer version, String occurredAt, String traceId,
                    Payload payload) {
    }

    /** The fields of every auction event type that analytics reads; {@code budgets} and the rest stay in raw. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String decisionId, String exchange, String auctionId, Integer round, Item item,
                   BigDecimal floorPrice, String currency, String auctionType, String decision, String reason,
                   Bid bid, Integer candidates, Double engineLatencyMs, Double latencyMs, String outcome,
                   BigDecimal clearingPrice, BigDecimal releasedAmount) {
        static final Payload EMPTY = new Payload(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String category, String brand) {
        static final Item EMPTY = new Item(null, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bid(BigDecimal amount, String currency, String userId, String preferenceId) {
        static final Bid EMPTY = new Bid(null, null, null, null);
    }
}
