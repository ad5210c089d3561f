package io.oktioneer.engine.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.engine.index.AuctionType;
import io.oktioneer.engine.index.Decision;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.engine.index.Outcome;
import io.oktioneer.engine.index.PreferenceIndex;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kafka values as the other services publish them, and the ones the feed must survive. */
class FeedRecordsTest {

    private final PreferenceIndex index = new PreferenceIndex();
    private final FeedRecords records = new FeedRecords(index);
    private final UUID id = UUID.randomUUID();

    @Test
    void upsertDeleteAndTombstone() {
        assertThat(records.preference(id.toString(), upserted(id, "ACTIVE", "250.00", null)))
                .isEqualTo(FeedRecords.Result.APPLIED);
        assertThat(decide().outcome()).isEqualTo(Outcome.CANDIDATES);
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(250_00);

        assertThat(records.preference(id.toString(), envelope("PreferenceDeleted",
                "{\"preferenceId\":\"" + id + "\",\"userId\":\"u1\"}"))).isEqualTo(FeedRecords.Result.APPLIED);
        assertThat(decide().outcome()).isEqualTo(Outcome.NO_MATCH);

        records.preference(id.toString(), upserted(id, "ACTIVE", "250", null));
        assertThat(records.preference(id.toString(), null)).isEqualTo(FeedRecords.Result.TOMBSTONE);
        assertThat(index.size()).isZero();
        assertThat(records.preference("user:u1", null)).isEqualTo(FeedRecords.Result.TOMBSTONE);
    }

    @Test
    void userStatusFromBothEvents() {
        records.preference(id.toString(), upserted(id, "SUSPENDED", "250.00", null));
        assertThat(decide().outcome()).isEqualTo(Outcome.NO_MATCH);
        records.preference(id.toString(), upserted(id, "ACTIVE", "250.00", null));
        assertThat(decide().outcome()).isEqualTo(Outcome.CANDIDATES);

        assertThat(records.preference("user:u1", envelope("UserUpdated",
                "{\"userId\":\"u1\",\"displayName\":\"U\",\"status\":\"SUSPENDED\",\"deleted\":false,"
                        + "\"updatedAt\":\"2026-01-01T00:00:00.000Z\"}"))).isEqualTo(FeedRecords.Result.APPLIED);
        assertThat(decide().outcome()).isEqualTo(Outcome.NO_MATCH);
        records.preference("user:u1", envelope("UserUpdated",
                "{\"userId\":\"u1\",\"displayName\":\"U\",\"status\":\"ACTIVE\",\"deleted\":false,"
                        + "\"updatedAt\":\"2026-01-01T00:00:00.000Z\"}"));
        assertThat(decide().outcome()).isEqualTo(Outcome.CANDIDATES);
    }

    @Test
    void budgetSnapshotsOfEveryAuctionEventKeepTheHighestVersion() {
        records.preference(id.toString(), upserted(id, "ACTIVE", "250.00", "1000.00"));
        assertThat(records.auction(auction("AuctionEvaluated", id, "700.00", "100.00", 2)))
                .isEqualTo(FeedRecords.Result.APPLIED);
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(200_00);
        records.auction(auction("AuctionExpired", id, "0", "0", 1));
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(200_00);
        records.auction(auction("AuctionResultRecorded", id, "800.00", "0.00", 3));
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(200_00);
        records.auction(auction("AuctionResultRecorded", id, "900.00", "50.00", 4));
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(50_00);
    }

    @Test
    void unknownTypesAreIgnoredAndBadRecordsRejectedWithoutChangingAnything() {
        records.preference(id.toString(), upserted(id, "ACTIVE", "250.00", "1000.00"));

        assertThat(records.preference("x", envelope("PreferenceArchived", "{}")))
                .isEqualTo(FeedRecords.Result.IGNORED);
        assertThat(records.auction(envelope("AuctionReopened", "{}"))).isEqualTo(FeedRecords.Result.IGNORED);
        assertThat(records.preference(id.toString(), "not json")).isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.preference(id.toString(), upserted(id, "ACTIVE", "1.001", null)))
                .isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.preference(id.toString(), upserted(id, "ACTIVE", "-5", null)))
                .isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.preference(id.toString(), envelope("PreferenceUpserted", "{\"userId\":\"u1\"}")))
                .isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.auction("{\"type\":\"AuctionEvaluated\",\"payload\":{\"budgets\":[{\"preferenceId\":\""
                + id + "\",\"spent\":\"lots\"}]}}")).isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.auction(null)).isEqualTo(FeedRecords.Result.TOMBSTONE);

        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(250_00);
    }

    @Test
    void readsOnlyTheBudgetsOfAnAuctionEventWhateverElseItCarriesAndInAnyFieldOrder() {
        records.preference(id.toString(), upserted(id, "ACTIVE", "250.00", "1000.00"));
        UUID other = UUID.randomUUID();

        // payload before type, nested fields everywhere, amounts as strings, a snapshot for an unknown preference
        String value = "{\"payload\":{\"item\":{\"category\":\"w\",\"tags\":[{\"a\":[1,2]}]},\"budgets\":["
                + "{\"preferenceId\":\"" + other + "\",\"spent\":1,\"reserved\":0,\"ledgerVersion\":1},"
                + "{\"extra\":{\"x\":null},\"ledgerVersion\":5,\"reserved\":\"10.00\",\"spent\":\"800\","
                + "\"preferenceId\":\"" + id + "\"}],\"bids\":[]},\"type\":\"AuctionEvaluated\",\"version\":1}";
        assertThat(records.auction(value)).isEqualTo(FeedRecords.Result.APPLIED);
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(190_00);

        // one invalid snapshot rejects the record: none of its snapshots is applied
        assertThat(records.auction(envelope("AuctionResultRecorded", "{\"budgets\":[{\"preferenceId\":\"" + id
                + "\",\"spent\":900,\"reserved\":0,\"ledgerVersion\":6},{\"preferenceId\":\"" + other
                + "\",\"spent\":1.001,\"reserved\":0,\"ledgerVersion\":2}]}"))).isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.auction(envelope("AuctionExpired", "{\"budgets\":[{\"spent\":1,\"reserved\":0}]}")))
                .isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.auction(envelope("AuctionExpired", "{\"budgets\":{\"spent\":1}}")))
                .isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(records.auction("{\"type\":\"AuctionEvaluated\",\"payload\":{\"budgets\":[")
        ).isEqualTo(FeedRecords.Result.REJECTED);
        assertThat(decide().effectiveBudgetCents(0)).isEqualTo(190_00);

        // no budgets at all, or no type: nothing to apply
        assertThat(records.auction(envelope("AuctionEvaluated", "{\"exchange\":\"ex\"}")))
                .isEqualTo(FeedRecords.Result.APPLIED);
        assertThat(records.auction("{\"payload\":{\"budgets\":[]}}")).isEqualTo(FeedRecords.Result.IGNORED);
    }

    private Decision decide() {
        Decision decision = new Decision();
        index.decide(new DecisionQuery("Watches", "omega", 10_00, "EUR", AuctionType.ENGLISH, 1, 10), decision);
        return decision;
    }

    static String upserted(UUID id, String userStatus, String maxBid, String totalBudget) {
        return envelope("PreferenceUpserted", "{\"preferenceId\":\"" + id + "\",\"userId\":\"u1\",\"userStatus\":\""
                + userStatus + "\",\"name\":\"n\",\"categories\":[\"watches\"],\"brands\":[],\"maxBid\":" + maxBid
                + ",\"totalBudget\":" + totalBudget + ",\"currency\":\"EUR\",\"active\":true,\"version\":1,"
                + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"updatedAt\":\"2026-01-01T00:00:00.000Z\"}");
    }

    static String auction(String type, UUID id, String spent, String reserved, long version) {
        return envelope(type, "{\"exchange\":\"ex\",\"auctionId\":\"a\",\"budgets\":[{\"preferenceId\":\"" + id
                + "\",\"spent\":" + spent + ",\"reserved\":" + reserved + ",\"ledgerVersion\":" + version + "}]}");
    }

    static String envelope(String type, String payload) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"version\":1,"
                + "\"occurredAt\":\"2026-01-01T00:00:00.000Z\",\"traceId\":null,\"payload\":" + payload + "}";
    }
}
