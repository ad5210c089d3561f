package io.oktioneer.auction.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges that need a query (outbox backlog and age, open reservations): refreshed every few seconds rather than
 * on each scrape, so a slow database never slows the scrape.
 */
@Component
class BacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicReference<Double> oldestAgeSeconds = new AtomicReference<>(0.0);
    private final AtomicLong openReservations = new AtomicLong();

    BacklogGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("oktioneer.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("oktioneer.outbox.oldest.age", oldestAgeSeconds, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row (0 when empty)").register(registry);
        Gauge.builder("oktioneer.reservations.open", openReservations, AtomicLong::get)
                .description("Reservations holding budget").register(registry);
    }

    @Scheduled(fixedDelayString = "${oktioneer.metrics.refresh:5s}", initialDelayString = "1s")
    void refresh() {
        try {
            jdbc.query("SELECT count(*), min(created_at), now() FROM outbox", rs -> {
                backlog.set(rs.getLong(1));
                Timestamp oldest = rs.getTimestamp(2);
                Timestamp now = rs.getTimestamp(3);
                oldestAgeSeconds.set(oldest == null ? 0.0 : Math.max(0, now.getTime() - oldest.getTime()) / 1000.0);
            });
            Long open = jdbc.queryForObject("SELECT count(*) FROM auction_round WHERE reservation = 'OPEN'", Long.class);
            openReservations.set(open == null ? 0 : open);
        } catch (RuntimeException e) {
            log.debug("backlog gauges not refreshed: {}", e.toString());
        }
    }
}
