package io.oktioneer.auction.evaluation;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.auction.web.RequestTiming;
import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Auctions")
class EvaluationController {

    static final String REPLAYED = "Idempotent-Replayed";
    static final String DECISION_EXAMPLE = """
            {"decisionId": "5f0c1e9a-3b7d-4c2e-9a51-7d2f8e6b4a10", "exchange": "ex-paris", "auctionId": "A-123",
             "decision": "BID", "bid": {"amount": 181.00, "currency": "EUR", "userId": "u42",
             "preferenceId": "0b7e4a4e-5d0c-4a8e-9f57-1f1e0f4c2a11"}, "reason": null, "candidates": 3,
             "evaluatedAt": "2026-11-24T17:59:58.120Z"}""";

    private final EvaluationService evaluations;
    private final EvaluationLimiter limiter;
    private final AuctionMetrics metrics;

    EvaluationController(EvaluationService evaluations, EvaluationProperties properties, AuctionMetrics metrics,
                         MeterRegistry meters) {
        this.evaluations = evaluations;
        this.limiter = new EvaluationLimiter(properties.maxInFlight(), meters);
        this.metrics = metrics;
        metrics.evaluationsInFlight(limiter::inFlight);
    }

    @PostMapping(path = "/api/v1/auctions/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "evaluateAuction", summary = "Decide whether to bid on an auction, and how much",
            description = "For BIDDER and ADMIN keys. Picks the user who wants the item most, bids the least that"
                    + " still wins and reserves that user's budget, within `tmaxMs`; a slow or failed engine gives"
                    + " NO_BID, never a 5xx. The same body again (amounts compared as amounts, `tmaxMs` ignored) is a"
                    + " replay: the stored decision, `Idempotent-Replayed: true`, nothing reserved again. An ENGLISH"
                    + " auction asked again with only a strictly higher `floorPrice` is a new round; any other"
                    + " different body, or a new round once the auction has a result or has expired, is 409.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = EvaluateRequest.class),
                    examples = @ExampleObject(name = "english", summary = "An ENGLISH auction, every field given",
                            value = EvaluateRequest.EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The decision: BID with the bid, or NO_BID with its reason",
            headers = @Header(name = REPLAYED, description = "`true` when this is the stored decision of a replay",
                    schema = @Schema(type = "string", allowableValues = "true")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DecisionView.class),
                    examples = @ExampleObject(name = "bid", summary = "A BID", value = DECISION_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    ResponseEntity<DecisionView> evaluate(@RequestBody JsonNode body, HttpServletRequest request) {
        AuctionTerms terms = EvaluateRequestParser.parse(body).terms();
        if (!limiter.tryEnter()) {
            metrics.evaluationRejected();
            throw ApiProblem.overloaded("Too many evaluations in progress; retry shortly.", 1);
        }
        Evaluation evaluation;
        try {
            evaluation = evaluations.evaluate(terms, RequestTiming.receivedNanos(request));
        } finally {
            limiter.exit();
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (evaluation.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(DecisionView.of(terms.key(), evaluation.round()));
    }
}
