package io.oktioneer.history.events;

import io.oktioneer.contracts.EventTypes;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private final JsonMapper mapper;

    public AuctionEventsTable(JsonMapper mapper) {
        this.mapper = mapper;
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
        AuctionEventFields f = AuctionEventFields.parse(mapper, record.value());
        String eventId = EnvelopeFields.eventIdText(f.eventId);
        String type = EnvelopeFields.type(f.type);
        long occurredAtMs = EnvelopeFields.occurredAtMillis(f.occurredAt);
        boolean known = KNOWN_TYPES.contains(type);
        if (known) {
            if (f.invalid != null) {
                throw new PoisonRecordException(f.invalid);
            }
            if (!f.payload) {
                throw new PoisonRecordException("missing payload of " + type);
            }
            EnvelopeFields.required("payload.exchange", f.exchange);
            EnvelopeFields.required("payload.auctionId", f.auctionId);
            if (type.equals(EventTypes.AUCTION_EVALUATED)) {
                EnvelopeFields.required("payload.decision", f.decision);
            } else if (type.equals(EventTypes.AUCTION_RESULT_RECORDED)) {
                EnvelopeFields.required("payload.outcome", f.outcome);
            }
        } else if (f.invalid != null) {
            // A newer type whose payload this version does not understand: keep its envelope and raw JSON.
            f = f.envelopeOnly();
        }
        return new AuctionEventRow(eventId, type, f.version == null ? 0 : f.version, occurredAtMs,
                EnvelopeFields.uuidText("payload.decisionId", f.decisionId), f.exchange, f.auctionId,
                EnvelopeFields.nonNegative("payload.round", f.round), EnvelopeFields.normalisedKey(f.category),
                EnvelopeFields.normalisedKey(f.brand), f.auctionType, f.decision, f.reason, f.outcome, f.userId,
                EnvelopeFields.uuidText("payload.bid.preferenceId", f.preferenceId),
                EnvelopeFields.amount("payload.bid.amount", f.bidAmount),
                EnvelopeFields.amount("payload.floorPrice", f.floorPrice),
                EnvelopeFields.amount("payload.clearingPrice", f.clearingPrice),
                EnvelopeFields.amount("payload.releasedAmount", f.releasedAmount),
                f.currency != null ? f.currency : f.bidCurrency,
                EnvelopeFields.nonNegative("payload.candidates", f.candidates), f.latencyMs, f.engineLatencyMs,
                EnvelopeFields.traceId(f.traceId, record), record.partition(), record.offset(), record.value());
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
}
