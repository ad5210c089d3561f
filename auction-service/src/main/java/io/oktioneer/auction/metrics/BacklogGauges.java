package io.oktioneer.auction.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges that need a query (open reservations; the outbox's are service-support's {@code OutboxBacklog}):
 * refreshed every few seconds rather than on each scrape, so a slow database never slows the scrape.
 */
@Component
class BacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong openReservations = new AtomicLong();

    BacklogGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("oktioneer.reservations.open", openReservations, AtomicLong::get)
                .description("Reservations holding budget").register(registry);
    }

    @Scheduled(fixedDelayString = "${oktioneer.metrics.refresh}", initialDelayString = "1s")
    void refresh() {
        try {
            Long open = jdbc.queryForObject("SELECT count(*) FROM auction_round WHERE reservation = 'OPEN'", Long.class);
            openReservations.set(open == null ? 0 : open);
        } catch (RuntimeException e) {
            log.debug("backlog gauges not refreshed: {}", e.toString());
        }
    }
}
