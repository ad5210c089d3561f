package io.oktioneer.history.events;

import io.oktioneer.contracts.EventTypes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
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

    /**
     * One pass of Jackson's streaming parser over the record, keeping only what the columns need (the rest, such
     * as {@code budgets}, is skipped; it stays in {@code raw}). Field order does not matter. A field of the wrong
     * JSON type is noted in {@link Fields#invalid} rather than thrown, since a newer event type may reuse a name.
     */
    private Fields parse(byte[] value) {
        Fields f = new Fields();
        try (JsonParser parser = mapper.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PoisonRecordException("not a JSON object");
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "eventId" -> f.eventId = string(parser, token, f, name);
                    case "type" -> f.type = string(parser, token, f, name);
                    case "version" -> f.version = integer(parser, token, f, name);
                    case "occurredAt" -> f.occurredAt = string(parser, token, f, name);
                    case "traceId" -> f.traceId = string(parser, token, f, name);
                    case "payload" -> payload(parser, token, f);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new PoisonRecordException("not JSON: content after the object");
            }
        } catch (JacksonException e) {
            throw new PoisonRecordException("not JSON", e);
        }
        return f;
    }

    private static void payload(JsonParser parser, JsonToken token, Fields f) {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            f.invalid("payload");
            parser.skipChildren();
            return;
        }
        f.payload = true;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "decisionId" -> f.decisionId = string(parser, value, f, "payload.decisionId");
                case "exchange" -> f.exchange = string(parser, value, f, "payload.exchange");
                case "auctionId" -> f.auctionId = string(parser, value, f, "payload.auctionId");
                case "round" -> f.round = integer(parser, value, f, "payload.round");
                case "item" -> item(parser, value, f);
                case "floorPrice" -> f.floorPrice = decimal(parser, value, f, "payload.floorPrice");
                case "currency" -> f.currency = string(parser, value, f, "payload.currency");
                case "auctionType" -> f.auctionType = string(parser, value, f, "payload.auctionType");
                case "decision" -> f.decision = string(parser, value, f, "payload.decision");
                case "reason" -> f.reason = string(parser, value, f, "payload.reason");
                case "bid" -> bid(parser, value, f);
                case "candidates" -> f.candidates = integer(parser, value, f, "payload.candidates");
                case "engineLatencyMs" -> f.engineLatencyMs = real(parser, value, f, "payload.engineLatencyMs");
                case "latencyMs" -> f.latencyMs = real(parser, value, f, "payload.latencyMs");
                case "outcome" -> f.outcome = string(parser, value, f, "payload.outcome");
                case "clearingPrice" -> f.clearingPrice = decimal(parser, value, f, "payload.clearingPrice");
                case "releasedAmount" -> f.releasedAmount = decimal(parser, value, f, "payload.releasedAmount");
                default -> parser.skipChildren();
            }
        }
    }

    private static void item(JsonParser parser, JsonToken token, Fields f) {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            f.invalid("payload.item");
            parser.skipChildren();
            return;
        }
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "category" -> f.category = string(parser, value, f, "payload.item.category");
                case "brand" -> f.brand = string(parser, value, f, "payload.item.brand");
                default -> parser.skipChildren();
            }
        }
    }

    private static void bid(JsonParser parser, JsonToken token, Fields f) {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            f.invalid("payload.bid");
            parser.skipChildren();
            return;
        }
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "amount" -> f.bidAmount = decimal(parser, value, f, "payload.bid.amount");
                case "currency" -> f.bidCurrency = string(parser, value, f, "payload.bid.currency");
                case "userId" -> f.userId = string(parser, value, f, "payload.bid.userId");
                case "preferenceId" -> f.preferenceId = string(parser, value, f, "payload.bid.preferenceId");
                default -> parser.skipChildren();
            }
        }
    }

    private static String string(JsonParser parser, JsonToken token, Fields f, String field) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        return wrongType(parser, token, f, field);
    }

    private static Integer integer(JsonParser parser, JsonToken token, Fields f, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        return wrongType(parser, token, f, field);
    }

    private static BigDecimal decimal(JsonParser parser, JsonToken token, Fields f, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        return wrongType(parser, token, f, field);
    }

    private static Double real(JsonParser parser, JsonToken token, Fields f, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        return wrongType(parser, token, f, field);
    }

    private static <T> T wrongType(JsonParser parser, JsonToken token, Fields f, String field) {
        if (token != JsonToken.VALUE_NULL) {
            f.invalid(field);
            parser.skipChildren();
        }
        return null;
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

    /** What one pass over the JSON found. */
    private static final class Fields {
        String eventId;
        String type;
        Integer version;
        String occurredAt;
        String traceId;
        boolean payload;
        String invalid;
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

        void invalid(String field) {
            if (invalid == null) {
                invalid = field + " has the wrong JSON type";
            }
        }

        /** The envelope alone, for an unknown type whose payload did not fit. */
        Fields envelopeOnly() {
            Fields bare = new Fields();
            bare.eventId = eventId;
            bare.type = type;
            bare.version = version;
            bare.occurredAt = occurredAt;
            bare.traceId = traceId;
            return bare;
        }
    }
}
