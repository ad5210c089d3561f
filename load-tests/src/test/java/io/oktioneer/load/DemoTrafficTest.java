package io.oktioneer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoTrafficTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DemoTraffic traffic = new DemoTraffic("ex-paris", "t1");
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void mostlyFreshAuctionsOfTheExchangeWithSomeReplaysAndNewRounds() {
        Map<DemoTraffic.Kind, Integer> kinds = new EnumMap<>(DemoTraffic.Kind.class);
        Map<String, String> latestRound = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            DemoTraffic.Evaluation next = traffic.next(random);
            kinds.merge(next.kind(), 1, Integer::sum);
            JsonNode body = JSON.readTree(next.body());
            assertThat(body.get("exchange").asString()).isEqualTo("ex-paris");
            String auctionId = body.get("auctionId").asString();
            switch (next.kind()) {
                case EVALUATE -> assertThat(latestRound.put(auctionId, next.body())).isNull();
                case REPLAY -> assertThat(next.body()).isEqualTo(latestRound.get(auctionId));
                case NEW_ROUND -> {
                    JsonNode previous = JSON.readTree(latestRound.get(auctionId));
                    assertThat(body.get("auctionType").asString()).isEqualTo("ENGLISH");
                    assertThat(body.get("floorPrice").decimalValue()).isGreaterThan(previous.get("floorPrice").decimalValue());
                    latestRound.put(auctionId, next.body());
                }
            }
            if (next.auction() != null) {
                // every BID at its floor: a share is left without a result, and those ENGLISH ones get outbid
                traffic.resultFor(next.auction(), next.auction().floor().max(new BigDecimal("0.01")), random);
            }
        }
        assertThat(kinds.get(DemoTraffic.Kind.EVALUATE)).isBetween(16_000, 18_500);
        assertThat(kinds.get(DemoTraffic.Kind.REPLAY)).isBetween(1_300, 1_900);
        assertThat(kinds.get(DemoTraffic.Kind.NEW_ROUND)).isBetween(400, 1_200);
    }

    @Test
    void theExchangePostsAValidResultForMostBids() {
        Map<String, Integer> outcomes = new HashMap<>();
        int none = 0;
        for (int i = 0; i < 10_000; i++) {
            DemoTraffic.Auction auction = traffic.next(random).auction();
            if (auction == null) {
                continue;
            }
            BigDecimal bid = auction.floor().add(new BigDecimal("12.34"));
            DemoTraffic.Result result = traffic.resultFor(auction, bid, random);
            if (result == null) {
                none++;
                continue;
            }
            JsonNode body = JSON.readTree(result.body());
            assertThat(body.get("auctionId").asString()).isEqualTo(auction.auctionId());
            assertThat(body.get("currency").asString()).isEqualTo(auction.item().currency());
            String outcome = body.get("outcome").asString();
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome.equals("WON")) {
                BigDecimal clearing = body.get("clearingPrice").decimalValue();
                assertThat(clearing).isBetween(auction.floor(), bid);
                assertThat(clearing.scale()).isLessThanOrEqualTo(2);
            } else {
                assertThat(body.get("clearingPrice").isNull()).isTrue();
            }
            assertThat(result.pauseMillis()).isBetween(500, 3000);
        }
        int posted = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(posted).isBetween(none * 3, none * 5);
        assertThat(outcomes.get("WON")).isBetween(posted * 40 / 100, posted * 50 / 100);
        assertThat(outcomes.get("LOST")).isBetween(posted * 40 / 100, posted * 50 / 100);
        assertThat(outcomes).containsKey("CANCELLED");
    }

    @Test
    void theItemsMeetTheDemoPreferencesAndSomeNobodyWants() {
        assertThat(DemoTraffic.ITEMS).anyMatch(i -> i.category().equals("watches") && "Omega".equals(i.brand()));
        assertThat(DemoTraffic.ITEMS).anyMatch(i -> i.currency().equals("USD"));
        assertThat(DemoTraffic.ITEMS).anyMatch(i -> i.currency().equals("GBP"));
        assertThat(DemoTraffic.ITEMS).allMatch(i -> i.minFloor() < i.maxFloor());
    }
}
