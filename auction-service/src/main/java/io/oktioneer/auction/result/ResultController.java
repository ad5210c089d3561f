package io.oktioneer.auction.result;

import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class ResultController {

    private final ResultService results;

    ResultController(ResultService results) {
        this.results = results;
    }

    @PostMapping(path = "/api/v1/auctions/result", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ResultView> record(@RequestBody JsonNode body,
                                      @RequestHeader(name = InternalHeaders.ROLE, required = false) String role,
                                      @RequestHeader(name = InternalHeaders.EXCHANGE, required = false) String exchange) {
        // 403 comes before 400 (SPEC §2): an exchange key may post only for its own exchange.
        if (Role.EXCHANGE.name().equals(role) && (exchange == null
                || !exchange.equals(ResultRequest.exchangeAsSent(body)))) {
            throw ApiProblem.forbidden("An exchange key may post results only for its own exchange.");
        }
        ResultService.Recorded recorded = results.record(ResultRequest.parse(body));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (recorded.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(recorded.result());
    }
}
