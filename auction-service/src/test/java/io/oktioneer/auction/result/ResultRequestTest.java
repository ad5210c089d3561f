package io.oktioneer.auction.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ResultRequestTest {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsAWonResult() {
        ResultRequest request = ResultRequest.parse(json(
                "{'exchange':'ex-paris','auctionId':'A-123','outcome':'WON','clearingPrice':175,'unknown':1}"));
        assertThat(request.key()).isEqualTo(new AuctionKey("ex-paris", "A-123"));
        assertThat(request.outcome()).isEqualTo(ResultOutcome.WON);
        assertThat(request.clearingPrice()).isEqualTo(new BigDecimal("175.00"));
        assertThat(request.currency()).isNull();
    }

    @Test
    void answersEachBadFieldWithItsRule() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> ResultRequest.parse(json(
                "{'exchange':'EX','auctionId':null,'outcome':'DRAW','clearingPrice':0,'currency':'eur'}")));
        assertThat(e.errors()).containsExactly(
                new FieldError("exchange", "must be 1-64 characters of [a-z0-9._-]"),
                new FieldError("auctionId", "must not be null"),
                new FieldError("outcome", "must be one of [WON, LOST, CANCELLED]"),
                new FieldError("clearingPrice", "must be greater than 0"),
                new FieldError("currency", "must be an ISO 4217 code (3 upper-case letters)"));
    }

    @Test
    void aWonResultNeedsItsClearingPriceAndAnOutcomeIsRequired() {
        InvalidRequestException won = catchThrowableOfType(InvalidRequestException.class, () -> ResultRequest.parse(json(
                "{'exchange':'ex','auctionId':'A','outcome':'WON'}")));
        assertThat(won.errors()).containsExactly(new FieldError("clearingPrice", "must not be null"));
        InvalidRequestException none = catchThrowableOfType(InvalidRequestException.class, () -> ResultRequest.parse(json(
                "{'exchange':'ex','auctionId':'A'}")));
        assertThat(none.errors()).containsExactly(new FieldError("outcome", "must not be null"));
        assertThat(ResultRequest.parse(json("{'exchange':'ex','auctionId':'A','outcome':'LOST'}")).clearingPrice())
                .isNull();
    }
}
