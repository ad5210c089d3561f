package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.InternalHeaders;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/auctions/result: every rule of SPEC §3 and its effect on the ledger. */
class ResultIT extends AuctionServiceITBase {

    private final UUID preference = UUID.randomUUID();

    @BeforeEach
    void bidder() {
        ENGINE.answer(request -> candidates(1, candidate(preference, "u7", "150", "1000")));
    }

    private String bidOn() {
        String auction = unique("W");
        assertThat(api.evaluate(evaluateBody("ex-res", auction, "100", null)).json().get("decision").asString())
                .isEqualTo("BID");
        return auction;
    }

    private static String result(String auction, String outcome, String extra) {
        return Api.json("{'exchange':'ex-res','auctionId':'" + auction + "','outcome':'" + outcome + "'"
                + (extra == null ? "" : "," + extra) + "}");
    }

    @Test
    void wonSpendsTheClearingPriceAndAnIdenticalRepeatIsAReplay() {
        String auction = bidOn();
        Api.Response won = api.result(result(auction, "WON", "'clearingPrice':140,'currency':'EUR'"));
        assertThat(won.status()).isEqualTo(200);
        assertThat(won.replayed()).isFalse();
        JsonNode body = won.json();
        assertThat(body.get("outcome").asString()).isEqualTo("WON");
        assertThat(won.text()).contains("\"clearingPrice\":140.00");
        assertThat(body.get("bid").get("amount").decimalValue()).isEqualByComparingTo("150");
        assertThat(spent(preference)).isEqualByComparingTo("140");
        assertThat(reserved(preference)).isEqualByComparingTo("0");

        Api.Response repeat = api.result(result(auction, "WON", "'clearingPrice':140.00"));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.json()).isEqualTo(body);
        assertThat(spent(preference)).isEqualByComparingTo("140");

        assertThat(api.result(result(auction, "LOST", null)).status()).isEqualTo(409);
        assertThat(api.result(result(auction, "WON", "'clearingPrice':139")).status()).isEqualTo(409);

        JsonNode stored = api.get("/api/v1/auctions/ex-res/" + auction).json();
        assertThat(stored.get("status").asString()).isEqualTo("SETTLED");
        assertThat(stored.get("result").get("outcome").asString()).isEqualTo("WON");
        assertThat(stored.get("rounds").get(0).get("reservation").asString()).isEqualTo("SPENT");
    }

    @Test
    void lostAndCancelledReleaseTheReservation() {
        String lost = bidOn();
        String cancelled = bidOn();
        assertThat(reserved(preference)).isEqualByComparingTo("300");
        assertThat(api.result(result(lost, "LOST", null)).status()).isEqualTo(200);
        assertThat(api.result(result(cancelled, "CANCELLED", null)).status()).isEqualTo(200);
        assertThat(reserved(preference)).isEqualByComparingTo("0");
        assertThat(spent(preference)).isEqualByComparingTo("0");
    }

    @Test
    void refusesByTheRules() {
        assertThat(api.result(result("no-such-auction", "LOST", null)).status()).isEqualTo(404);

        ENGINE.answer(request -> FakeEngine.noBid("NO_MATCH"));
        String noBid = unique("NB");
        api.evaluate(evaluateBody("ex-res", noBid, "100", null));
        assertThat(api.result(result(noBid, "LOST", null)).status()).isEqualTo(409);

        ENGINE.answer(request -> candidates(1, candidate(preference, "u7", "150", "1000")));
        String auction = bidOn();
        Api.Response above = api.result(result(auction, "WON", "'clearingPrice':150.01"));
        assertThat(above.status()).isEqualTo(422);
        assertThat(above.contentType()).startsWith("application/problem+json");
        assertThat(api.result(result(auction, "WON", "'clearingPrice':100,'currency':'USD'")).status()).isEqualTo(422);
        Api.Response invalid = api.result(Api.json("{'exchange':'ex-res','auctionId':'" + auction
                + "','outcome':'WON','clearingPrice':-3,'currency':'euro'}"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid)).containsExactlyInAnyOrder("clearingPrice", "currency");
        assertThat(fields(api.result(result(auction, "WON", null)))).containsExactly("clearingPrice");
        assertThat(fields(api.result(Api.json("{'exchange':'ex-res','auctionId':'x'}")))).containsExactly("outcome");
        assertThat(reserved(preference)).isEqualByComparingTo("150");
    }

    @Test
    void anExchangeKeyPostsOnlyForItsOwnExchange() {
        String auction = bidOn();
        Api.Response other = api.post("/api/v1/auctions/result", result(auction, "LOST", null),
                InternalHeaders.ROLE, "EXCHANGE", InternalHeaders.EXCHANGE, "ex-other");
        assertThat(other.status()).isEqualTo(403);
        Api.Response invalidButForeign = api.post("/api/v1/auctions/result",
                Api.json("{'exchange':'ex-res','outcome':'MAYBE'}"),
                InternalHeaders.ROLE, "EXCHANGE", InternalHeaders.EXCHANGE, "ex-other");
        assertThat(invalidButForeign.status()).isEqualTo(403);
        Api.Response own = api.post("/api/v1/auctions/result", result(auction, "LOST", null),
                InternalHeaders.ROLE, "EXCHANGE", InternalHeaders.EXCHANGE, "ex-res");
        assertThat(own.status()).isEqualTo(200);
    }
}
