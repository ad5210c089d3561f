package io.oktioneer.auction.auction;

import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.auction.web.FieldError;
import io.oktioneer.auction.web.JsonFields;
import io.oktioneer.auction.web.ValidationException;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuctionQueryController {

    private final AuctionStore auctions;

    AuctionQueryController(AuctionStore auctions) {
        this.auctions = auctions;
    }

    @GetMapping(path = "/api/v1/auctions/{exchange}/{auctionId}", produces = MediaType.APPLICATION_JSON_VALUE)
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
            throw new ValidationException(errors);
        }
        AuctionDetails details = auctions.details(new AuctionKey(exchange, auctionId));
        if (details == null || details.rounds().isEmpty()) {
            throw ApiProblem.notFound("Unknown auction.");
        }
        return AuctionView.of(details);
    }
}
