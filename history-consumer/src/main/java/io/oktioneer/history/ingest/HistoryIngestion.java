package io.oktioneer.history.ingest;

import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.EventTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one {@link TopicIngestor} per topic (auctions into {@code auction_events}, preferences into
 * {@code preference_events}) and the lag monitor, from application start to shutdown. Nothing here needs
 * Kafka or ClickHouse to be up at start: the loops wait and retry.
 */
public final class HistoryIngestion implements SmartLifecycle {

    /** A topic and the table it feeds. */
    public record Route(String topic, EventTable table) {
    }

    private final List<Route> routes;
    private final ConsumerConfigs consumerConfigs;
    private final ClickHouseClient clickHouse;
    private final SchemaManager schema;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final IngestProperties properties;
    private final RecordTracing tracing;
    private final ConsumerLagMonitor lagMonitor;
    private final List<TopicIngestor> ingestors = new ArrayList<>();
    private volatile boolean running;

    /** Builds the consumer configuration of the ingestor of one table. */
    @FunctionalInterface
    public interface ConsumerConfigs {
        Map<String, Object> forTable(String table);
    }

    public HistoryIngestion(List<Route> routes, ConsumerConfigs consumerConfigs, ClickHouseClient clickHouse,
                            SchemaManager schema, DeadLetterPublisher deadLetters, IngestMetrics metrics,
                            IngestProperties properties, RecordTracing tracing, ConsumerLagMonitor lagMonitor) {
        this.routes = routes;
        this.consumerConfigs = consumerConfigs;
        this.clickHouse = clickHouse;
        this.schema = schema;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.properties = properties;
        this.tracing = tracing;
        this.lagMonitor = lagMonitor;
    }

    @Override
    public synchronized void start() {
        IngestSettings settings = properties.settings();
        for (Route route : routes) {
            BatchSink sink = new ClickHouseBatchSink(route.table(), clickHouse, schema, deadLetters, metrics, settings);
            TopicIngestor ingestor = new TopicIngestor(route.topic(), route.table(),
                    consumerConfigs.forTable(route.table().name()), sink, settings, tracing);
            ingestors.add(ingestor);
            ingestor.start();
        }
        lagMonitor.start(properties.lagInterval());
        running = true;
    }

    @Override
    public synchronized void stop() {
        ingestors.parallelStream().forEach(TopicIngestor::stop);
        ingestors.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The running ingestors (tests stop and restart consumption through these). */
    public synchronized List<TopicIngestor> ingestors() {
        return List.copyOf(ingestors);
    }
}
