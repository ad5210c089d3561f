package io.oktioneer.history.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The history-consumer's series of docs/metrics.md, registered at start for every table and topic so that
 * dashboards and alerts return data before anything happened.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> rowsWritten = new ConcurrentHashMap<>();
    private final Map<String, Counter> insertFailures = new ConcurrentHashMap<>();
    private final Map<String, Timer> insertLatency = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry, Collection<String> tables, Collection<String> topics) {
        this.registry = registry;
        tables.forEach(table -> {
            rowsWritten(table);
            insertFailures(table);
            insertLatency(table);
        });
        topics.forEach(this::deadLetters);
    }

    void rowsWritten(String table, int rows, long nanos) {
        rowsWritten(table).increment(rows);
        insertLatency(table).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void insertFailed(String table) {
        insertFailures(table).increment();
    }

    void deadLettered(String topic) {
        deadLetters(topic).increment();
    }

    private Counter rowsWritten(String table) {
        return rowsWritten.computeIfAbsent(table, t -> Counter.builder("oktioneer.clickhouse.rows.written")
                .description("Rows inserted into ClickHouse").tag("table", t).register(registry));
    }

    private Counter insertFailures(String table) {
        return insertFailures.computeIfAbsent(table, t -> Counter.builder("oktioneer.clickhouse.insert.failures")
                .description("Failed ClickHouse insert attempts (each is retried)").tag("table", t)
                .register(registry));
    }

    private Timer insertLatency(String table) {
        return insertLatency.computeIfAbsent(table, t -> Timer.builder("oktioneer.clickhouse.insert.latency")
                .description("Duration of one successful batch insert").tag("table", t)
                .publishPercentileHistogram().register(registry));
    }

    private Counter deadLetters(String topic) {
        return deadLetters.computeIfAbsent(topic, t -> Counter.builder("oktioneer.dlt.records")
                .description("Records sent to <topic>.DLT").tag("topic", t).register(registry));
    }
}
