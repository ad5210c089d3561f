package io.oktioneer.auction.engine;

import io.oktioneer.contracts.engine.EngineCandidate;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * The engine call's JSON (contracts.engine) with Jackson's streaming generator and parser: the request written
 * straight into the bytes sent, the answer read from the connection's buffer in place. Amounts stay exact
 * ({@link BigDecimal}); unknown answer fields are skipped.
 */
final class EngineJson {

    private static final JsonFactory JSON = new JsonFactory();

    private EngineJson() {
    }

    /** Appends the request's JSON to {@code out}. */
    static void writeRequest(EngineRequest request, ByteArrayOutputStream out) {
        try (JsonGenerator gen = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            gen.writeStartObject();
            gen.writeStringProperty("exchange", request.exchange());
            gen.writeStringProperty("auctionId", request.auctionId());
            gen.writeStringProperty("category", request.category());
            gen.writeStringProperty("brand", request.brand());
            amount(gen, "floorPrice", request.floorPrice());
            gen.writeStringProperty("currency", request.currency());
            gen.writeStringProperty("auctionType", request.auctionType());
            amount(gen, "minIncrement", request.minIncrement());
            gen.writeNumberProperty("maxCandidates", request.maxCandidates());
            gen.writeEndObject();
        }
    }

    private static void amount(JsonGenerator gen, String name, BigDecimal value) {
        gen.writeName(name);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.toPlainString());
        }
    }

    static EngineResponse readResponse(byte[] buffer, int offset, int length) {
        String outcome = null;
        int eligible = 0;
        List<EngineCandidate> candidates = List.of();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), buffer, offset, length)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "outcome" -> outcome = text(parser, token);
                    case "eligible" -> eligible = token == JsonToken.VALUE_NULL ? 0 : parser.getIntValue();
                    case "candidates" -> candidates = token == JsonToken.VALUE_NULL ? List.of() : candidates(parser, token);
                    default -> parser.skipChildren();
                }
            }
        }
        return new EngineResponse(outcome, eligible, candidates);
    }

    private static List<EngineCandidate> candidates(JsonParser parser, JsonToken token) {
        expect(parser, token, JsonToken.START_ARRAY);
        List<EngineCandidate> candidates = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser, parser.currentToken(), JsonToken.START_OBJECT);
            UUID preferenceId = null;
            String userId = null;
            BigDecimal bid = null;
            BigDecimal effectiveBudget = null;
            BigDecimal maxBid = null;
            BigDecimal totalBudget = null;
            Instant createdAt = null;
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "preferenceId" -> {
                        String id = text(parser, value);
                        preferenceId = id == null ? null : UUID.fromString(id);
                    }
                    case "userId" -> userId = text(parser, value);
                    case "bid" -> bid = decimal(parser, value);
                    case "effectiveBudget" -> effectiveBudget = decimal(parser, value);
                    case "maxBid" -> maxBid = decimal(parser, value);
                    case "totalBudget" -> totalBudget = decimal(parser, value);
                    case "createdAt" -> {
                        String instant = text(parser, value);
                        createdAt = instant == null ? null : Instant.parse(instant);
                    }
                    default -> parser.skipChildren();
                }
            }
            candidates.add(new EngineCandidate(preferenceId, userId, bid, effectiveBudget, maxBid, totalBudget,
                    createdAt));
        }
        return candidates;
    }

    private static String text(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, token, JsonToken.VALUE_STRING);
        return parser.getString();
    }

    private static BigDecimal decimal(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_STRING -> new BigDecimal(parser.getString().trim());
            default -> throw new StreamReadException(parser, "expected a number, found " + token);
        };
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new StreamReadException(parser, "expected " + expected + ", found " + actual);
        }
    }
}
