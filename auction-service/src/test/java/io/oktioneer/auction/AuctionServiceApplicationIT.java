package io.oktioneer.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.auction.it.Api;
import io.oktioneer.auction.it.AuctionServiceITBase;
import io.oktioneer.testsupport.MalformedRequests;
import org.junit.jupiter.api.Test;

/** The service starts against its real servers and reports ready, with metrics for Prometheus. */
class AuctionServiceApplicationIT extends AuctionServiceITBase {

    @Test
    void tomcatsOwnRefusalsAreProblemJsonNeverHtml() throws Exception {
        MalformedRequests.assertAnsweredAsProblems(port);
    }

    @Test
    void startsReadyAndExportsPrometheusMetrics() {
        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text()).contains("\"status\":\"UP\"");

        Api.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("service=\"auction-service\"")
                .contains("oktioneer_decision_latency_seconds_bucket{decision=\"NO_BID\",reason=\"TIMEOUT\"")
                .contains("le=\"0.1\"")
                .contains("oktioneer_decisions_total{auction_type=\"ENGLISH\",decision=\"BID\",reason=\"none\"")
                .contains("oktioneer_results_total{outcome=\"WON\"")
                .contains("oktioneer_engine_calls_total{outcome=\"circuit_open\"")
                .contains("oktioneer_outbox_backlog{").contains("oktioneer_outbox_oldest_age_seconds{")
                .contains("oktioneer_reservations_open{").contains("oktioneer_reservations_expired_total{")
                .contains("oktioneer_ledger_batch_size").contains("oktioneer_ledger_commit_latency_seconds")
                .contains("oktioneer_kafka_publish_errors_total{").contains("oktioneer_spend_total{")
                .contains("oktioneer_bids_amount_total{");
    }
}
