package io.oktioneer.engine.decision;

import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.engine.index.Decision;
import io.oktioneer.support.problem.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The decisions endpoint's JSON (contracts.engine: {@link EngineRequest} in, {@code EngineResponse} out) read
 * and written with Jackson's streaming parser and generator: no data binding, no intermediate records for the
 * answer. The wire format is the one the records define; amounts are written plain with 2 decimals, instants
 * ISO-8601 UTC with milliseconds, absent values as {@code null}, unknown request fields ignored.
 */
final class DecisionJson {

    private static final JsonFactory JSON = new JsonFactory();

    private DecisionJson() {
    }

    /** A body that is not a JSON object of the request's shape: answered 400 (a malformed body). */
    static final class MalformedBodyException extends RuntimeException {
        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }

    static EngineRequest readRequest(InputStream body) {
        String exchange = null;
        String auctionId = null;
        String category = null;
        String brand = null;
        String currency = null;
        String auctionType = null;
        BigDecimal floorPrice = null;
        BigDecimal minIncrement = null;
        int maxCandidates = 0;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("not a JSON object");
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "exchange" -> exchange = text(parser, value, name);
                    case "auctionId" -> auctionId = text(parser, value, name);
                    case "category" -> category = text(parser, value, name);
                    case "brand" -> brand = text(parser, value, name);
                    case "currency" -> currency = text(parser, value, name);
                    case "auctionType" -> auctionType = text(parser, value, name);
                    case "floorPrice" -> floorPrice = decimal(parser, value, name);
                    case "minIncrement" -> minIncrement = decimal(parser, value, name);
                    case "maxCandidates" -> maxCandidates = integer(parser, value, name);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedBodyException("trailing content");
            }
        } catch (JacksonException e) {
            throw new MalformedBodyException(e.getOriginalMessage());
        }
        return new EngineRequest(exchange, auctionId, category, brand, floorPrice, currency, auctionType,
                minIncrement, maxCandidates);
    }

    private static String text(JsonParser parser, JsonToken value, String name) {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getString();
            default -> throw new MalformedBodyException(name + " must be a string");
        };
    }

    private static BigDecimal decimal(JsonParser parser, JsonToken value, String name) {
        try {
            return switch (value) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                case VALUE_STRING -> new BigDecimal(parser.getString().trim());
                default -> throw new MalformedBodyException(name + " must be a number");
            };
        } catch (NumberFormatException e) {
            throw new MalformedBodyException(name + " must be a number");
        }
    }

    private static int integer(JsonParser parser, JsonToken value, String name) {
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedBodyException(name + " must be an integer");
        }
        long number = parser.getLongValue();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
    }

    static byte[] writeDecision(Decision decision) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 256 * decision.count());
        try (JsonGenerator gen = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            gen.writeStartObject();
            gen.writeStringProperty("outcome", decision.outcome().name());
            gen.writeNumberProperty("eligible", decision.eligible());
            gen.writeName("candidates");
            gen.writeStartArray();
            for (int i = 0; i < decision.count(); i++) {
                gen.writeStartObject();
                gen.writeStringProperty("preferenceId", decision.preferenceId(i).toString());
                gen.writeStringProperty("userId", decision.userId(i));
                amount(gen, "bid", decision.bidCents(i));
                amount(gen, "effectiveBudget", decision.effectiveBudgetCents(i));
                amount(gen, "maxBid", decision.maxBidCents(i));
                amount(gen, "totalBudget", decision.totalBudgetCents(i));
                gen.writeStringProperty("createdAt", instantMillis(decision.createdAtMillis(i)));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    /** An amount in cents written as a plain decimal with 2 fraction digits; negative = absent (null). */
    private static void amount(JsonGenerator gen, String name, long cents) {
        gen.writeName(name);
        if (cents < 0) {
            gen.writeNull();
            return;
        }
        long fraction = cents % 100;
        gen.writeNumber((cents / 100) + (fraction < 10 ? ".0" : ".") + fraction);
    }

    /** ISO-8601 UTC with exactly 3 fraction digits ({@link Instant#toString} drops a zero fraction). */
    static String instantMillis(long epochMillis) {
        String text = Instant.ofEpochMilli(epochMillis).toString();
        return text.length() == 20 ? text.substring(0, 19) + ".000Z" : text;
    }

    /** An RFC 9457 problem; {@code errors} (may be empty) lists the invalid fields. */
    static byte[] writeProblem(int status, String title, String detail, List<FieldError> errors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            gen.writeStartObject();
            gen.writeStringProperty("type", "about:blank");
            gen.writeStringProperty("title", title);
            gen.writeNumberProperty("status", status);
            gen.writeStringProperty("detail", detail);
            gen.writeStringProperty("instance", "/internal/v1/decisions");
            if (!errors.isEmpty()) {
                gen.writeName("errors");
                gen.writeStartArray();
                for (FieldError error : errors) {
                    gen.writeStartObject();
                    gen.writeStringProperty("field", error.field());
                    gen.writeStringProperty("message", error.message());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }
        return out.toByteArray();
    }
}
