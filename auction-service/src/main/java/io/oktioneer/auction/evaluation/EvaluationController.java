package io.oktioneer.auction.evaluation;

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

    EvaluationController(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @PostMapping(path = "/api/v1/auctions/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DecisionView> evaluate(@RequestBody JsonNode body, HttpServletRequest request) {
        AuctionTerms terms = EvaluateRequestParser.parse(body);
        Evaluation evaluation = evaluations.evaluate(terms, RequestTiming.receivedNanos(request));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (evaluation.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(DecisionView.of(terms.key(), evaluation.round()));
    }
}
