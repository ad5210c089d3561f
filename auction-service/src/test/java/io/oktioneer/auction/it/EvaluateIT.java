package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.engine.EngineRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/auctions/evaluate against PostgreSQL and Kafka: validation, answers, replays, rounds, 409s. */
class EvaluateIT extends AuctionServiceITBase {

    private final UUID preference = UUID.randomUUID();

    @Test
    void listsEveryBadFieldAsProblemJson() {
        Api.Response response = api.evaluate(Api.json(
                "{'exchange':'EX','auctionId':'','item':[],'floorPrice':'12','currency':'eur','tmaxMs':0}"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).containsExactlyInAnyOrder("exchange", "auctionId", "item", "floorPrice",
                "currency", "tmaxMs");
        assertThat(response.text()).doesNotContain("Exception");
    }

    @Test
    void malformedJsonWrongMediaTypeAndMissingTokenAreRefused() {
        Api.Response malformed = api.post("/api/v1/auctions/evaluate", "{\"exchange\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Api.Response text = api.send(api.builder("/api/v1/auctions/evaluate").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(text.status()).isEqualTo(415);
        Api.Response bypass = new Api(port, null).evaluate(evaluateBody("ex", "A", "1", null));
        assertThat(bypass.status()).isEqualTo(401);
    }

    @Test
    void bidAnswerHasExactlyTheSpecShape() {
        AtomicReference<EngineRequest> seen = new AtomicReference<>();
        ENGINE.answer(request -> {
            seen.set(request);
            return candidates(3, candidate(preference, "u42", "181", null));
        });
        String auction = unique("A");
        Api.Response response = api.evaluate(evaluateBody("ex-paris", auction, "120.00",
                "'auctionType':'ENGLISH','minIncrement':1.00,'closesAt':'2099-11-24T18:00:00.000Z','tmaxMs':59000"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.replayed()).isFalse();
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("decisionId", "exchange", "auctionId", "decision", "bid",
                "reason", "candidates", "evaluatedAt");
        assertThat(body.get("decision").asString()).isEqualTo("BID");
        assertThat(body.get("reason").isNull()).isTrue();
        assertThat(body.get("candidates").asInt()).isEqualTo(3);
        assertThat(response.text()).contains("\"amount\":181.00");
        assertThat(body.get("bid").propertyNames()).containsExactly("amount", "currency", "userId", "preferenceId");
        assertThat(body.get("bid").get("userId").asString()).isEqualTo("u42");
        assertThat(body.get("evaluatedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(seen.get().floorPrice()).isEqualByComparingTo("120");
        assertThat(seen.get().brand()).isEqualTo("Omega");
        assertThat(seen.get().maxCandidates()).isEqualTo(10);
        assertThat(reserved(preference)).isEqualByComparingTo("181");

        ENGINE.answer(request -> FakeEngine.noBid("NO_MATCH"));
        Api.Response noBid = api.evaluate(evaluateBody("ex-paris", unique("A"), "1", null));
        assertThat(noBid.json().get("bid").isNull()).isTrue();
        assertThat(noBid.json().get("reason").asString()).isEqualTo("NO_MATCH");
        assertThat(noBid.json().get("candidates").asInt()).isZero();
    }

    @Test
    void sameBodyIsAReplayOfTheStoredDecisionAndReservesNothingMore() {
        ENGINE.answer(request -> candidates(2, candidate(preference, "u1", "50", "1000")));
        String auction = unique("R");
        Api.Response first = api.evaluate(evaluateBody("ex", auction, "40", "'tmaxMs':59000"));
        ENGINE.answer(request -> candidates(2, candidate(preference, "u1", "70", "1000")));
        Api.Response again = api.evaluate(evaluateBody("ex", auction, "40.00",
                "'tmaxMs':60000,'auctionType':'ENGLISH','minIncrement':0.01"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.replayed()).isTrue();
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(reserved(preference)).isEqualByComparingTo("50");
    }

    @Test
    void englishWithHigherFloorIsANewRoundThatReleasesThePreviousReservation() {
        ENGINE.answer(request -> candidates(1, candidate(preference, "u1", "50", "1000")));
        String auction = unique("E");
        Api.Response round1 = api.evaluate(evaluateBody("ex", auction, "40", null));
        ENGINE.answer(request -> candidates(1, candidate(preference, "u1", "61", "1000")));
        Api.Response round2 = api.evaluate(evaluateBody("ex", auction, "60", null));

        assertThat(round2.status()).isEqualTo(200);
        assertThat(round2.replayed()).isFalse();
        assertThat(round2.json().get("decisionId")).isNotEqualTo(round1.json().get("decisionId"));
        assertThat(round2.json().get("bid").get("amount").decimalValue()).isEqualByComparingTo("61");
        assertThat(reserved(preference)).isEqualByComparingTo("61");

        JsonNode stored = api.get("/api/v1/auctions/ex/" + auction).json();
        assertThat(stored.get("rounds")).hasSize(2);
        assertThat(stored.get("rounds").get(0).get("reservation").asString()).isEqualTo("SUPERSEDED");
        assertThat(stored.get("rounds").get(1).get("reservation").asString()).isEqualTo("OPEN");
        assertThat(stored.get("decision").get("decisionId")).isEqualTo(round2.json().get("decisionId"));
        assertThat(stored.get("result").isNull()).isTrue();

        assertThat(api.evaluate(evaluateBody("ex", auction, "40", null)).status()).isEqualTo(409);
        assertThat(api.evaluate(evaluateBody("ex", auction, "60", null)).replayed()).isTrue();
    }

    @Test
    void otherDifferentBodiesConflict() {
        ENGINE.answer(request -> candidates(1, candidate(preference, "u1", "20", null)));
        String auction = unique("C");
        api.evaluate(evaluateBody("ex", auction, "10", "'auctionType':'FIRST_PRICE'"));
        Api.Response sealedHigher = api.evaluate(evaluateBody("ex", auction, "12", "'auctionType':'FIRST_PRICE'"));
        assertThat(sealedHigher.status()).isEqualTo(409);
        assertThat(sealedHigher.contentType()).startsWith("application/problem+json");
        assertThat(api.evaluate(evaluateBody("ex", auction, "10", "'currency2':1,'minIncrement':2")).status())
                .isEqualTo(409);
        assertThat(reserved(preference)).isEqualByComparingTo("20");
    }

    @Test
    void newRoundOnceTheAuctionHasAResultConflicts() {
        ENGINE.answer(request -> candidates(1, candidate(preference, "u1", "20", null)));
        String auction = unique("S");
        api.evaluate(evaluateBody("ex", auction, "10", null));
        assertThat(api.result(Api.json("{'exchange':'ex','auctionId':'" + auction + "','outcome':'LOST'}")).status())
                .isEqualTo(200);
        assertThat(api.evaluate(evaluateBody("ex", auction, "15", null)).status()).isEqualTo(409);
        assertThat(api.evaluate(evaluateBody("ex", auction, "10", null)).replayed()).isTrue();
    }

    @Test
    void closedAuctionIsRecordedAsNoBidWithoutAskingTheEngine() {
        int calls = ENGINE.calls();
        String auction = unique("X");
        Api.Response response = api.evaluate(evaluateBody("ex", auction, "10",
                "'closesAt':'" + Instant.now().minusSeconds(5) + "'"));
        assertThat(response.json().get("decision").asString()).isEqualTo("NO_BID");
        assertThat(response.json().get("reason").asString()).isEqualTo("AUCTION_CLOSED");
        assertThat(ENGINE.calls()).isEqualTo(calls);
        assertThat(api.get("/api/v1/auctions/ex/" + auction).json().get("rounds").get(0).get("reason").asString())
                .isEqualTo("AUCTION_CLOSED");
    }

    @Test
    void engineNoBidReasonsAreAnsweredAndAnUnknownAuctionIs404() {
        for (String reason : new String[] {"NO_MATCH", "BELOW_FLOOR", "BUDGET_EXHAUSTED"}) {
            ENGINE.answer(request -> FakeEngine.noBid(reason));
            Api.Response response = api.evaluate(evaluateBody("ex", unique("N"), "10", null));
            assertThat(response.json().get("reason").asString()).isEqualTo(reason);
        }
        assertThat(api.get("/api/v1/auctions/ex/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void candidateWhoseBudgetIsTakenMovesToTheNext() {
        UUID small = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        ENGINE.answer(request -> candidates(2, candidate(small, "u1", "30", "50"), candidate(next, "u2", "25", null)));
        Api.Response first = api.evaluate(evaluateBody("ex", unique("M"), "20", null));
        Api.Response second = api.evaluate(evaluateBody("ex", unique("M"), "20", null));
        assertThat(first.json().get("bid").get("preferenceId").asString()).isEqualTo(small.toString());
        assertThat(second.json().get("bid").get("preferenceId").asString()).isEqualTo(next.toString());
        assertThat(second.json().get("bid").get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("25"));
        assertThat(reserved(small)).isEqualByComparingTo("30");
    }
}
