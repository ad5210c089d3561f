package io.oktioneer.auction.evaluation;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.auction.web.RequestTiming;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class EvaluationController {

    static final String REPLAYED = "Idempotent-Replayed";

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
    ResponseEntity<DecisionView> evaluate(@RequestBody JsonNode body, HttpServletRequest request) {
        AuctionTerms terms = EvaluateRequestParser.parse(body);
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
