package io.oktioneer.history.events;

import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one pass of Jackson's streaming parser over an auction event finds: only what the columns need (the rest,
 * such as {@code budgets}, is skipped; it stays in {@code raw}). Field order does not matter. A field of the wrong
 * JSON type is noted in {@link #invalid} rather than thrown, since a newer event type may reuse a name.
 */
final class AuctionEventFields {

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

    /** Reads one field of an object: its name and the token its value starts with. */
    @FunctionalInterface
    private interface Field {
        void read(String name, JsonToken value);
    }

    /** Parses one record's value; throws {@link PoisonRecordException} when it is not one JSON object. */
    static AuctionEventFields parse(JsonMapper mapper, byte[] value) {
        AuctionEventFields f = new AuctionEventFields();
        try (JsonParser parser = mapper.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PoisonRecordException("not a JSON object");
            }
            f.fields(parser, (name, token) -> {
                switch (name) {
                    case "eventId" -> f.eventId = f.string(parser, token, name);
                    case "type" -> f.type = f.string(parser, token, name);
                    case "version" -> f.version = f.integer(parser, token, name);
                    case "occurredAt" -> f.occurredAt = f.string(parser, token, name);
                    case "traceId" -> f.traceId = f.string(parser, token, name);
                    case "payload" -> f.payload = f.object(parser, token, "payload", f::payloadField);
                    default -> parser.skipChildren();
                }
            });
            if (parser.nextToken() != null) {
                throw new PoisonRecordException("not JSON: content after the object");
            }
        } catch (JacksonException e) {
            throw new PoisonRecordException("not JSON", e);
        }
        return f;
    }

    private void payloadField(JsonParser parser, String name, JsonToken value) {
        String path = "payload." + name;
        switch (name) {
            case "decisionId" -> decisionId = string(parser, value, path);
            case "exchange" -> exchange = string(parser, value, path);
            case "auctionId" -> auctionId = string(parser, value, path);
            case "round" -> round = integer(parser, value, path);
            case "item" -> object(parser, value, path, (p, field, token) -> {
                switch (field) {
                    case "category" -> category = string(p, token, "payload.item.category");
                    case "brand" -> brand = string(p, token, "payload.item.brand");
                    default -> p.skipChildren();
                }
            });
            case "floorPrice" -> floorPrice = decimal(parser, value, path);
            case "currency" -> currency = string(parser, value, path);
            case "auctionType" -> auctionType = string(parser, value, path);
            case "decision" -> decision = string(parser, value, path);
            case "reason" -> reason = string(parser, value, path);
            case "bid" -> object(parser, value, path, (p, field, token) -> {
                switch (field) {
                    case "amount" -> bidAmount = decimal(p, token, "payload.bid.amount");
                    case "currency" -> bidCurrency = string(p, token, "payload.bid.currency");
                    case "userId" -> userId = string(p, token, "payload.bid.userId");
                    case "preferenceId" -> preferenceId = string(p, token, "payload.bid.preferenceId");
                    default -> p.skipChildren();
                }
            });
            case "candidates" -> candidates = integer(parser, value, path);
            case "engineLatencyMs" -> engineLatencyMs = real(parser, value, path);
            case "latencyMs" -> latencyMs = real(parser, value, path);
            case "outcome" -> outcome = string(parser, value, path);
            case "clearingPrice" -> clearingPrice = decimal(parser, value, path);
            case "releasedAmount" -> releasedAmount = decimal(parser, value, path);
            default -> parser.skipChildren();
        }
    }

    /** Reads a nested field's fields. */
    @FunctionalInterface
    private interface NestedField {
        void read(JsonParser parser, String name, JsonToken value);
    }

    /**
     * A nested object, field by field; returns whether it was one. JSON null is an absent object; any other
     * non-object is noted as invalid and skipped.
     */
    private boolean object(JsonParser parser, JsonToken token, String path, NestedField field) {
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            invalid(path);
            parser.skipChildren();
            return false;
        }
        fields(parser, (name, value) -> field.read(parser, name, value));
        return true;
    }

    /** Every field of the object the parser is in, up to its end. */
    private void fields(JsonParser parser, Field field) {
        String name;
        while ((name = parser.nextName()) != null) {
            field.read(name, parser.nextToken());
        }
    }

    private String string(JsonParser parser, JsonToken token, String field) {
        return token == JsonToken.VALUE_STRING ? parser.getString() : wrongType(parser, token, field);
    }

    private Integer integer(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        return wrongType(parser, token, field);
    }

    private BigDecimal decimal(JsonParser parser, JsonToken token, String field) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
        }
        return wrongType(parser, token, field);
    }

    private Double real(JsonParser parser, JsonToken token, String field) {
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

    private void invalid(String field) {
        if (invalid == null) {
            invalid = field + " has the wrong JSON type";
        }
    }

    /** The envelope alone, for an unknown type whose payload did not fit. */
    AuctionEventFields envelopeOnly() {
        AuctionEventFields bare = new AuctionEventFields();
        bare.eventId = eventId;
        bare.type = type;
        bare.version = version;
        bare.occurredAt = occurredAt;
        bare.traceId = traceId;
        return bare;
    }
}
