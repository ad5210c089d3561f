package io.oktioneer.support.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.support.worker.SingleThreadWorker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The outbox's gauges, {@code oktioneer.outbox.backlog} (rows not yet deleted, so including acknowledged rows
 * waiting for the relay's bulk delete) and {@code oktioneer.outbox.oldest.age}: read by a thread of their own
 * every {@code backlog-refresh}, on every instance, so neither a slow database slows a scrape nor a relay
 * waiting on Kafka freezes them (the stale-outbox alert must fire while Kafka is down).
 */
public class OutboxBacklog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);

    private final DataSource dataSource;
    private final String query;
    private final Duration refresh;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicReference<Double> oldestAgeSeconds = new AtomicReference<>(0.0);
    private final SingleThreadWorker worker;

    OutboxBacklog(DataSource dataSource, String table, Duration refresh, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.query = "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0) FROM "
                + table;
        this.refresh = refresh;
        this.worker = new SingleThreadWorker("outbox-backlog", Duration.ZERO, this::loop);
        Gauge.builder("oktioneer.outbox.backlog", rows, AtomicLong::get)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("oktioneer.outbox.oldest.age", oldestAgeSeconds, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row (0 when empty)").register(registry);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    private void loop() {
        try {
            while (worker.running()) {
                refresh();
                Thread.sleep(refresh.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void refresh() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            rows.set(rs.getLong(1));
            oldestAgeSeconds.set(Math.max(0, rs.getDouble(2)));
        } catch (SQLException | RuntimeException e) {
            log.debug("outbox backlog not refreshed: {}", e.toString());
        }
    }
}
