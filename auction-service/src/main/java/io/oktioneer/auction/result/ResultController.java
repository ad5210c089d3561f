package io.oktioneer.auction.result;

import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Auctions")
class ResultController {

    static final String RESULT_EXAMPLE = """
            {"exchange": "ex-paris", "auctionId": "A-123", "decisionId": "5f0c1e9a-3b7d-4c2e-9a51-7d2f8e6b4a10",
             "round": 1, "outcome": "WON", "clearingPrice": 175.00, "currency": "EUR",
             "bid": {"amount": 181.00, "currency": "EUR", "userId": "u42",
             "preferenceId": "0b7e4a4e-5d0c-4a8e-9f57-1f1e0f4c2a11"}, "recordedAt": "2026-11-24T18:00:02.310Z"}""";

    private final ResultService results;

    ResultController(ResultService results) {
        this.results = results;
    }

    @PostMapping(path = "/api/v1/auctions/result", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordAuctionResult", summary = "Record an auction's outcome",
            description = "For EXCHANGE keys (its own exchange only) and ADMIN keys. WON turns the reservation"
                    + " into spend at the clearing price; LOST and CANCELLED release it. An identical repeat is 200"
                    + " with `Idempotent-Replayed: true`. 404: unknown auction; 409: the latest round is not a BID,"
                    + " the reservation has expired, or a different outcome is already recorded; 422: WON with"
                    + " `clearingPrice` above our bid, or `currency` other than the auction's.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ResultRequest.class),
                    examples = @ExampleObject(name = "won", summary = "A won auction", value = ResultRequest.EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The recorded result",
            headers = @Header(name = "Idempotent-Replayed", description = "`true` when the result was already"
                    + " recorded", schema = @Schema(type = "string", allowableValues = "true")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ResultView.class),
                    examples = @ExampleObject(name = "won", summary = "A won auction", value = RESULT_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @ApiResponse(responseCode = "422", ref = ApiDocument.UNPROCESSABLE)
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
