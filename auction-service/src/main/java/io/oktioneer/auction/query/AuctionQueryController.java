package io.oktioneer.auction.query;

import io.oktioneer.auction.auction.AuctionDetails;
import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionStore;
import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.auction.web.JsonFields;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import io.oktioneer.contracts.openapi.ApiDocument;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Auctions")
class AuctionQueryController {

    private final AuctionStore auctions;

    AuctionQueryController(AuctionStore auctions) {
        this.auctions = auctions;
    }

    @GetMapping(path = "/api/v1/auctions/{exchange}/{auctionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getAuction", summary = "Read an auction: its rounds, latest decision and result",
            description = "For BIDDER and ADMIN keys, and EXCHANGE keys for their own exchange's auctions.")
    @ApiResponse(responseCode = "200", description = "The auction")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    AuctionView auction(@PathVariable String exchange, @PathVariable String auctionId,
                        @RequestHeader(name = InternalHeaders.ROLE, required = false) String role,
                        @RequestHeader(name = InternalHeaders.EXCHANGE, required = false) String ownExchange) {
        if (Role.EXCHANGE.name().equals(role) && !exchange.equals(ownExchange)) {
            throw ApiProblem.forbidden("An exchange key may read only its own exchange's auctions.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!JsonFields.EXCHANGE.matcher(exchange).matches()) {
            errors.add(new FieldError("exchange", "must be 1-64 characters of [a-z0-9._-]"));
        }
        if (!auctionId.matches("[\\x20-\\x7E]{1,128}")) {
            errors.add(new FieldError("auctionId", "must be 1-128 printable ASCII characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        AuctionDetails details = auctions.details(new AuctionKey(exchange, auctionId));
        if (details == null || details.rounds().isEmpty()) {
            throw ApiProblem.notFound("Unknown auction.");
        }
        return AuctionView.of(details);
    }
}
