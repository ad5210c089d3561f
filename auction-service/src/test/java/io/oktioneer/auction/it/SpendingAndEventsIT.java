package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.UserUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Spending from the preference events and the ledger; the events the outbox publishes to Kafka. */
class SpendingAndEventsIT extends AuctionServiceITBase {

    @Test
    void spendingListsEveryPreferenceAndTheEventBudgetIsTheLedgerCap() {
        String user = unique("user");
        UUID capped = UUID.randomUUID();
        UUID neverBid = UUID.randomUUID();
        UUID uncapped = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        KafkaTopics.publishPreferences(bootstrap(), PREFERENCES_TOPIC,
                List.of(KafkaTopics.preference(capped, user, "50", 1), KafkaTopics.preference(neverBid, user, "75.5", 1),
                        KafkaTopics.preference(uncapped, user, null, 2), KafkaTopics.preference(deleted, user, "9", 1)),
                List.of(new PreferenceDeleted(deleted, user)),
                List.of(new UserUpdated(user, "U", "ACTIVE", false, Instant.now())));
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/users/" + user + "/spending").status() == 200
                && api.get("/api/v1/users/" + user + "/spending").json().get("preferences").size() == 3);

        // The engine's view says no cap; the ledger knows the event's 50.
        ENGINE.answer(request -> candidates(1, candidate(capped, user, "30", null)));
        assertThat(api.evaluate(evaluateBody("ex-sp", unique("S"), "10", null)).json().get("decision").asString())
                .isEqualTo("BID");
        assertThat(api.evaluate(evaluateBody("ex-sp", unique("S"), "10", null)).json().get("reason").asString())
                .isEqualTo("BUDGET_EXHAUSTED");

        Api.Response spending = api.get("/api/v1/users/" + user + "/spending", InternalHeaders.ROLE, "USER",
                InternalHeaders.USER_ID, user);
        assertThat(spending.status()).isEqualTo(200);
        JsonNode body = spending.json();
        assertThat(body.get("userId").asString()).isEqualTo(user);
        JsonNode first = find(body, capped);
        assertThat(first.propertyNames()).containsExactly("preferenceId", "currency", "totalBudget", "spent",
                "reserved", "remaining");
        assertThat(spending.text()).contains("\"totalBudget\":50.00,\"spent\":0.00,\"reserved\":30.00,\"remaining\":20.00");
        assertThat(find(body, neverBid).get("remaining").decimalValue()).isEqualByComparingTo("75.50");
        assertThat(find(body, uncapped).get("totalBudget").isNull()).isTrue();
        assertThat(find(body, uncapped).get("remaining").isNull()).isTrue();

        assertThat(api.get("/api/v1/users/" + user + "/spending", InternalHeaders.ROLE, "USER",
                InternalHeaders.USER_ID, "someone-else").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/nobody-" + ID + "/spending").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/bad%20id/spending").status()).isEqualTo(400);
    }

    private static JsonNode find(JsonNode spending, UUID preference) {
        return spending.get("preferences").valueStream()
                .filter(p -> p.get("preferenceId").asString().equals(preference.toString())).findFirst().orElseThrow();
    }

    @Test
    void everyDecisionAndResultReachesKafkaWithItsKeyAndBudgetSnapshots() {
        UUID preference = UUID.randomUUID();
        ENGINE.answer(request -> candidates(2, candidate(preference, "uk", "12.34", "100")));
        String auction = unique("K");
        String decisionId = api.evaluate(evaluateBody("ex-ev", auction, "10", null)).json().get("decisionId").asString();
        api.result(Api.json("{'exchange':'ex-ev','auctionId':'" + auction + "','outcome':'WON','clearingPrice':11}"));
        awaitOutboxEmpty();

        List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(bootstrap(), AUCTIONS_TOPIC).stream()
                .filter(r -> r.key().equals("ex-ev:" + auction)).toList();
        assertThat(records).hasSize(2);
        JsonNode evaluated = Api.JSON.readTree(records.get(0).value());
        assertThat(evaluated.propertyNames()).containsExactly("eventId", "type", "version", "occurredAt", "traceId",
                "payload");
        assertThat(evaluated.get("type").asString()).isEqualTo("AuctionEvaluated");
        assertThat(evaluated.get("occurredAt").asString()).matches(".*\\.\\d{3}Z");
        JsonNode payload = evaluated.get("payload");
        assertThat(payload.get("decisionId").asString()).isEqualTo(decisionId);
        assertThat(payload.get("decision").asString()).isEqualTo("BID");
        assertThat(payload.get("round").asInt()).isEqualTo(1);
        assertThat(payload.get("budgets").get(0).get("preferenceId").asString()).isEqualTo(preference.toString());
        assertThat(payload.get("budgets").get(0).get("reserved").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(records.get(0).value()).contains("\"reserved\":12.34");
        JsonNode result = Api.JSON.readTree(records.get(1).value());
        assertThat(result.get("type").asString()).isEqualTo("AuctionResultRecorded");
        assertThat(result.get("payload").get("budgets").get(0).get("spent").decimalValue()).isEqualByComparingTo("11");
        assertThat(result.get("payload").get("budgets").get(0).get("ledgerVersion").asLong())
                .isGreaterThan(payload.get("budgets").get(0).get("ledgerVersion").asLong());
        assertThat(records.get(0).headers().lastHeader("traceparent")).isNotNull();
    }
}
