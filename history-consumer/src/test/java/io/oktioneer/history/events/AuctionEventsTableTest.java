package io.oktioneer.history.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.auction.AuctionEvaluated;
import io.oktioneer.contracts.auction.AuctionResultRecorded;
import io.oktioneer.history.support.TestEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AuctionEventsTableTest {

    private final AuctionEventsTable table = new AuctionEventsTable(HistorySchema.eventMapper());

    private static ConsumerRecord<byte[], byte[]> record(String json) {
        return new ConsumerRecord<>("oktioneer.auctions.v1", 2, 41L, "k".getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesAnEvaluationWithItsBidAndNormalisedItem() {
        EventEnvelope<AuctionEvaluated> event = TestEvents.evaluated(Instant.parse("2026-11-24T18:00:01.234Z"),
                "ex-paris", "A-1", " Watches ", "OMEGA", "u42", "181.00", 1.25);

        AuctionEventRow row = table.decode(record(TestEvents.json(event)));

        assertThat(row.eventId()).isEqualTo(event.eventId().toString());
        assertThat(row.eventType()).isEqualTo("AuctionEvaluated");
        assertThat(row.occurredAtMs()).isEqualTo(Instant.parse("2026-11-24T18:00:01.234Z").toEpochMilli());
        assertThat(row.exchange()).isEqualTo("ex-paris");
        assertThat(row.auctionId()).isEqualTo("A-1");
        assertThat(row.category()).isEqualTo("watches");
        assertThat(row.brand()).isEqualTo("omega");
        assertThat(row.decision()).isEqualTo("BID");
        assertThat(row.userId()).isEqualTo("u42");
        assertThat(row.bidAmount()).isEqualByComparingTo("181");
        assertThat(row.currency()).isEqualTo("EUR");
        assertThat(row.latencyMs()).isEqualTo(1.25);
        assertThat(row.partition()).isEqualTo(2);
        assertThat(row.offset()).isEqualTo(41L);
        assertThat(new String(row.raw(), StandardCharsets.UTF_8)).isEqualTo(TestEvents.json(event));
    }

    @Test
    void decodesAResultWithClearingPriceAndTheBiddingUser() {
        EventEnvelope<AuctionResultRecorded> event = TestEvents.result(Instant.parse("2026-11-24T19:00:00Z"),
                "ex-paris", "A-1", "watches", null, "u42", "181.00", "WON", "175.50");

        AuctionEventRow row = table.decode(record(TestEvents.json(event)));

        assertThat(row.outcome()).isEqualTo("WON");
        assertThat(row.clearingPrice()).isEqualByComparingTo("175.50");
        assertThat(row.userId()).isEqualTo("u42");
        assertThat(row.brand()).isNull();
        assertThat(row.decision()).isNull();
    }

    @Test
    void takesTheTraceIdFromTheTraceparentHeaderWhenTheEnvelopeHasNone() {
        ConsumerRecord<byte[], byte[]> record = record(TestEvents.json(TestEvents.evaluated(Instant.now(), "ex",
                "A", null, null, null, null, 1)));
        record.headers().add("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII));

        assertThat(table.decode(record).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void keepsAnUnknownEventTypeWhateverItsPayload() {
        String json = "{\"eventId\":\"0189f7e2-3c4d-7a8b-9cde-f0123456789a\",\"type\":\"AuctionAudited\","
                + "\"version\":3,\"occurredAt\":\"2026-11-24T18:00:00.000Z\",\"traceId\":null,\"payload\":[1,2]}";

        AuctionEventRow row = table.decode(record(json));

        assertThat(row.eventType()).isEqualTo("AuctionAudited");
        assertThat(row.eventVersion()).isEqualTo(3);
        assertThat(row.exchange()).isNull();
    }

    @Test
    void acceptsAmountsWrittenWithFewerOrTrailingDecimals() {
        String valid = TestEvents.json(TestEvents.evaluated(Instant.parse("2026-11-24T18:00:00Z"), "ex", "A",
                null, null, "u1", "10.00", 1));
        assertThat(table.decode(record(valid.replace("\"amount\":10.00", "\"amount\":10.5000"))).bidAmount())
                .isEqualTo(new BigDecimal("10.5"));
        assertThat(table.decode(record(valid.replace("\"amount\":10.00", "\"amount\":1E+1"))).bidAmount())
                .isEqualTo(new BigDecimal("10"));
    }

    @Test
    void skipsATombstone() {
        TsvWriter out = new TsvWriter(64);
        assertThat(table.append(record(null), out)).isFalse();
        assertThat(out.size()).isZero();
    }

    @Test
    void refusesRecordsThatCannotBeRows() {
        String valid = TestEvents.json(TestEvents.evaluated(Instant.parse("2026-11-24T18:00:00Z"), "ex", "A",
                null, null, "u1", "10.00", 1));
        assertThatThrownBy(() -> table.decode(record("not json"))).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> table.decode(record("[1]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> table.decode(record(valid.replaceFirst("\"eventId\":\"[^\"]+\",", ""))))
                .hasMessageContaining("missing eventId");
        assertThatThrownBy(() -> table.decode(record(valid.replace("\"exchange\":\"ex\",", ""))))
                .hasMessageContaining("missing payload.exchange");
        assertThatThrownBy(() -> table.decode(record(valid.replace("\"amount\":10.00", "\"amount\":10.001"))))
                .hasMessageContaining("payload.bid.amount");
        assertThatThrownBy(() -> table.decode(record(valid.replace("2026-11-24T18:00:00Z", "yesterday"))))
                .hasMessageContaining("occurredAt");
        assertThatThrownBy(() -> table.decode(record(valid.replace("\"round\":1", "\"round\":\"first\""))))
                .isInstanceOf(PoisonRecordException.class);
        assertThatThrownBy(() -> table.decode(record(valid.replaceFirst("\"eventId\":\"[^\"]+\"",
                "\"eventId\":\"not-a-uuid\"")))).hasMessageContaining("eventId is not a UUID");
    }

    @Test
    void writesOneRowWithEveryColumnInOrder() {
        TsvWriter out = new TsvWriter(64);
        EventEnvelope<AuctionEvaluated> event = TestEvents.evaluated(Instant.parse("2026-11-24T18:00:01.234Z"),
                "ex-paris", "A-1", "watches", "omega", "u42", "181.00", 1.25);

        assertThat(table.append(record(TestEvents.json(event)), out)).isTrue();

        String[] columns = new String(out.buffer(), 0, out.size() - 1, StandardCharsets.UTF_8).split("\t", -1);
        assertThat(columns).hasSize(table.columns().size());
        assertThat(columns[table.columns().indexOf("occurred_at")]).isEqualTo("2026-11-24 18:00:01");
        assertThat(columns[table.columns().indexOf("bid_amount")]).isEqualTo("181.00");
        assertThat(new BigDecimal(columns[table.columns().indexOf("floor_price")])).isEqualByComparingTo("1");
        assertThat(columns[table.columns().indexOf("reason")]).isEqualTo("\\N");
    }
}
