package io.oktioneer.history.events;

import io.oktioneer.contracts.EventTypes;
import io.oktioneer.support.events.EventReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
        Fields f = parse(record.value());
        String eventId = EnvelopeFields.eventIdText(f.eventId());
        String type = EnvelopeFields.type(f.type());
        long occurredAtMs = EnvelopeFields.occurredAtMillis(f.occurredAt());
        boolean known = KNOWN_TYPES.contains(type);
        if (known) {
            if (f.invalid() != null) {
                throw new PoisonRecordException(f.invalid());
            }
            if (!f.payloadPresent()) {
                throw new PoisonRecordException("missing payload of " + type);
            }
            EnvelopeFields.required("payload.exchange", f.exchange);
            EnvelopeFields.required("payload.auctionId", f.auctionId);
            if (type.equals(EventTypes.AUCTION_EVALUATED)) {
                EnvelopeFields.required("payload.decision", f.decision);
            } else if (type.equals(EventTypes.AUCTION_RESULT_RECORDED)) {
                EnvelopeFields.required("payload.outcome", f.outcome);
            }
        } else if (f.invalid() != null) {
            // A newer type whose payload this version does not understand: keep its envelope and raw JSON.
            f.envelopeOnly();
        }
        return new AuctionEventRow(eventId, type, f.version() == null ? 0 : f.version(), occurredAtMs,
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
                EnvelopeFields.traceId(f.traceId(), record), record.partition(), record.offset(), record.value());
    }

    /**
     * One pass of the shared streaming {@link EventReader} over the record, keeping only what the columns need
     * (the rest, such as {@code budgets}, is skipped; it stays in {@code raw}). Field order does not matter. A
     * field of the wrong JSON type is noted rather than thrown, since a newer event type may reuse a name.
     */
    private Fields parse(byte[] value) {
        Fields f = new Fields();
        EnvelopeFields.read(f, mapper, value);
        return f;
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

    /** What one pass over the JSON found: the envelope, and the payload fields the columns need. */
    private static final class Fields extends EventReader {
        String decisionId;
        String exchange;
        String auctionId;
        Integer round;
        String category;
        String brand;
        BigDecimal floorPrice;
        String currency;
        String auctionType;
        String decision;
        String reason;
        BigDecimal bidAmount;
        String bidCurrency;
        String userId;
        String preferenceId;
        Integer candidates;
        Double engineLatencyMs;
        Double latencyMs;
        String outcome;
        BigDecimal clearingPrice;
        BigDecimal releasedAmount;

        /** The envelope alone, for an unknown type whose payload did not fit. */
        void envelopeOnly() {
            reset();
        }

        @Override
        protected void reset() {
            decisionId = null;
            exchange = null;
            auctionId = null;
            round = null;
            category = null;
            brand = null;
            floorPrice = null;
            currency = null;
            auctionType = null;
            decision = null;
            reason = null;
            bidAmount = null;
            bidCurrency = null;
            userId = null;
            preferenceId = null;
            candidates = null;
            engineLatencyMs = null;
            latencyMs = null;
            outcome = null;
            clearingPrice = null;
            releasedAmount = null;
        }

        @Override
        protected void payload(JsonParser parser) {
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "decisionId" -> decisionId = string(parser, value, "payload.decisionId");
                    case "exchange" -> exchange = string(parser, value, "payload.exchange");
                    case "auctionId" -> auctionId = string(parser, value, "payload.auctionId");
                    case "round" -> round = integer(parser, value, "payload.round");
                    case "item" -> item(parser, value);
                    case "floorPrice" -> floorPrice = decimal(parser, value, "payload.floorPrice");
                    case "currency" -> currency = string(parser, value, "payload.currency");
                    case "auctionType" -> auctionType = string(parser, value, "payload.auctionType");
                    case "decision" -> decision = string(parser, value, "payload.decision");
                    case "reason" -> reason = string(parser, value, "payload.reason");
                    case "bid" -> bid(parser, value);
                    case "candidates" -> candidates = integer(parser, value, "payload.candidates");
                    case "engineLatencyMs" -> engineLatencyMs = real(parser, value, "payload.engineLatencyMs");
                    case "latencyMs" -> latencyMs = real(parser, value, "payload.latencyMs");
                    case "outcome" -> outcome = string(parser, value, "payload.outcome");
                    case "clearingPrice" -> clearingPrice = decimal(parser, value, "payload.clearingPrice");
                    case "releasedAmount" -> releasedAmount = decimal(parser, value, "payload.releasedAmount");
                    default -> parser.skipChildren();
                }
            }
        }

        private void item(JsonParser parser, JsonToken token) {
            if (!object(parser, token, "payload.item")) {
                return;
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "category" -> category = string(parser, value, "payload.item.category");
                    case "brand" -> brand = string(parser, value, "payload.item.brand");
                    default -> parser.skipChildren();
                }
            }
        }

        private void bid(JsonParser parser, JsonToken token) {
            if (!object(parser, token, "payload.bid")) {
                return;
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "amount" -> bidAmount = decimal(parser, value, "payload.bid.amount");
                    case "currency" -> bidCurrency = string(parser, value, "payload.bid.currency");
                    case "userId" -> userId = string(parser, value, "payload.bid.userId");
                    case "preferenceId" -> preferenceId = string(parser, value, "payload.bid.preferenceId");
                    default -> parser.skipChildren();
                }
            }
        }
    }
}
