package io.oktioneer.auction.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AuctionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuctionMetrics metrics = new AuctionMetrics(registry);

    @Test
    void aWinCountsWithItsSpendByExchangeCategoryAndBrand() {
        metrics.result(ResultOutcome.WON, "EUR", new BigDecimal("12.50"), "ex-1", new Item("watches", "omega", "Speedmaster"));
        metrics.result(ResultOutcome.WON, "EUR", new BigDecimal("7.50"), "ex-1", new Item("watches", null, "no brand"));
        metrics.result(ResultOutcome.LOST, "EUR", null, "ex-2", new Item("shoes", "nike", "Air"));

        assertThat(registry.get("oktioneer.results").tag("outcome", "WON").counter().count()).isEqualTo(2);
        assertThat(registry.get("oktioneer.results").tag("outcome", "LOST").counter().count()).isEqualTo(1);
        assertThat(registry.get("oktioneer.spend").tag("currency", "EUR").counter().count()).isEqualTo(20.0);
        assertThat(registry.get("oktioneer.exchange.wins").tag("exchange", "ex-1").counter().count()).isEqualTo(2);
        assertThat(registry.get("oktioneer.exchange.spend").tags("exchange", "ex-1", "currency", "EUR").counter()
                .count()).isEqualTo(20.0);
        assertThat(registry.get("oktioneer.category.wins").tag("category", "watches").counter().count()).isEqualTo(2);
        assertThat(registry.get("oktioneer.brand.wins").tag("brand", "omega").counter().count()).isEqualTo(1);
        assertThat(registry.get("oktioneer.brand.spend").tags("brand", BoundedLabel.NONE, "currency", "EUR").counter()
                .count()).isEqualTo(7.5);
        assertThat(registry.find("oktioneer.exchange.wins").tag("exchange", "ex-2").counter())
                .as("a loss is no win").isNull();
    }
}
