package io.oktioneer.history.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.Topics;
import io.oktioneer.contracts.auction.AuctionEvaluated;
import io.oktioneer.contracts.auction.AuctionResultRecorded;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.BudgetSnapshot;
import io.oktioneer.contracts.auction.Item;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.TsvWriter;
import io.oktioneer.history.ingest.ClickHouseBatchSink;
import io.oktioneer.history.ingest.ConsumerSettings;
import io.oktioneer.history.ingest.DeadLetters;
import io.oktioneer.history.ingest.IngestContainers;
import io.oktioneer.history.ingest.IngestMetrics;
import io.oktioneer.history.ingest.IngestSettings;
import io.oktioneer.history.ingest.RecordTracing;
import io.oktioneer.history.ingest.TableBatchListener;
import io.oktioneer.history.support.HistorySettings;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §9 "Kafka → ClickHouse: sustained rows/s ≥ 0.8 × the same rows bulk-inserted straight over HTTP in the
 * same run". Not a test: it measures and writes a report.
 *
 * <ol>
 *   <li>Produces N realistic auction events (AuctionEvaluated, and AuctionResultRecorded for bids) as the
 *       auction-service would, to a private topic with 3 partitions on the real Kafka.</li>
 *   <li>Direct bulk: reads those records back and turns them into exactly the rows the consumer writes, in batches
 *       cut as the consumer cuts them (one per poll, with the consumer's fetch settings; untimed), then times the
 *       INSERTs of all those batches over HTTP, back to back.</li>
 *   <li>Kafka → ClickHouse: runs the production pipeline (the Spring Kafka batch-listener container of
 *       {@link IngestContainers}, production settings) on a new group over the full topic and times it; sustained
 *       rate = the rows stored after the first batch that reaches 10 %, over the time they took.</li>
 * </ol>
 * The two alternate for {@code bench.rounds} rounds, each into a fresh database, after one warm-up round that is
 * not counted (a long-running service has its code compiled; a ten-second run otherwise measures the JIT). Run with
 * {@code ./mvnw -pl history-consumer test-compile exec:java} (options {@code -Dbench.events=500000
 * -Dbench.rounds=2}); the report goes to {@code history-consumer/target/benchmark/}.
 */
public final class IngestBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ServerEndpoints servers = RealServers.get();
    private final int events = Integer.getInteger("bench.events", 500_000);
    private final int rounds = Integer.getInteger("bench.rounds", 2);
    private final String id = Isolation.uniqueId("bench_ingest");
    private final String topic = Isolation.topic(Topics.AUCTIONS, id);
    private final IngestSettings settings = HistorySettings.ingest()
            .withConcurrency(Integer.getInteger("bench.concurrency", HistorySettings.ingest().concurrency()));
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        new IngestBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                long bytes = produce();
                line("Events: %,d on %s (3 partitions), %,d bytes of JSON (%.0f B/event)", events, topic, bytes,
                        (double) bytes / events);
                List<double[]> results = new ArrayList<>();
                line("Warm-up round (JIT; not counted):");
                directBulk(0);
                kafkaToClickHouse(0);
                for (int round = 1; round <= rounds; round++) {
                    double direct = directBulk(round);
                    double viaKafka = kafkaToClickHouse(round);
                    results.add(new double[] {direct, viaKafka});
                    line("Round %d: direct bulk %,.0f rows/s, Kafka -> ClickHouse %,.0f rows/s, ratio %.2f", round,
                            direct, viaKafka, viaKafka / direct);
                }
                summary(results);
            } finally {
                admin.deleteTopics(List.of(topic, Topics.deadLetter(topic)));
            }
        }
        write();
    }

    // ---- data

    private long produce() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        SplittableRandom random = new SplittableRandom(42);
        long bytes = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<?>> pending = new ArrayList<>();
            int produced = 0;
            Instant time = Instant.parse("2026-09-01T00:00:00Z");
            for (int auction = 0; produced < events; auction++) {
                time = time.plusMillis(1 + random.nextInt(5));
                for (EventEnvelope<?> event : auctionEvents(random, auction, time)) {
                    if (produced == events) {
                        break;
                    }
                    String json = JSON.writeValueAsString(event);
                    bytes += json.length();
                    pending.add(producer.send(new ProducerRecord<>(topic, "ex-" + auction % 5 + ":A" + auction, json)));
                    produced++;
                }
                if (pending.size() > 10_000) {
                    for (Future<?> future : pending) {
                        future.get();
                    }
                    pending.clear();
                }
            }
            for (Future<?> future : pending) {
                future.get();
            }
        }
        line("Produced in %.1f s", (System.nanoTime() - started) / 1e9);
        return bytes;
    }

    private static List<EventEnvelope<?>> auctionEvents(SplittableRandom random, int auction, Instant time) {
        String exchange = "ex-" + auction % 5;
        String auctionId = "A-" + auction;
        Item item = new Item(new String[] {"watches", "cameras", "bags", "shoes", "art"}[random.nextInt(5)],
                new String[] {"omega", "seiko", "leica", "canon", "hermes", "nike"}[random.nextInt(6)],
                "Item number " + auction);
        boolean bid = random.nextInt(10) < 7;
        String user = "user-" + random.nextInt(10_000);
        UUID preference = new UUID(7, random.nextInt(50_000));
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
        Bid placed = bid ? new Bid(amount, "EUR", user, preference) : null;
        List<BudgetSnapshot> budgets = bid ? List.of(new BudgetSnapshot(preference, BigDecimal.valueOf(
                random.nextInt(100_000), 2), amount, auction)) : List.of();
        double latency = 0.3 + random.nextDouble() * 3;
        AuctionEvaluated evaluated = new AuctionEvaluated(UUID.randomUUID(), exchange, auctionId, 1, item,
                BigDecimal.valueOf(100, 2), "EUR", "ENGLISH", BigDecimal.valueOf(1, 2), time.plusSeconds(600), 100,
                bid ? "BID" : "NO_BID", bid ? null : "NO_MATCH", placed, bid ? 1 + random.nextInt(5) : 0,
                latency / 3, latency, budgets);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        List<EventEnvelope<?>> out = new ArrayList<>(2);
        out.add(EventEnvelope.of(EventTypes.AUCTION_EVALUATED, time, traceId, evaluated));
        if (bid) {
            int outcome = random.nextInt(10);
            String result = outcome < 5 ? "WON" : outcome < 9 ? "LOST" : "CANCELLED";
            out.add(EventEnvelope.of(EventTypes.AUCTION_RESULT_RECORDED, time.plusMillis(200), traceId,
                    new AuctionResultRecorded(evaluated.decisionId(), exchange, auctionId, result,
                            result.equals("WON") ? amount : null, "EUR", placed, item, budgets)));
        }
        return out;
    }

    // ---- direct bulk over HTTP

    private double directBulk(int round) {
        ClickHouseClient clickHouse = clickHouse(id + "_direct_" + round);
        new SchemaManager(clickHouse, HistorySchema.MIGRATIONS).ensureReady();
        AuctionEventsTable table = new AuctionEventsTable(HistorySchema.eventMapper());
        Map<String, Object> config = ConsumerSettings.forGroup(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafkaBootstrapServers()), id + "_reader_" + round, settings);
        // Untimed: the very rows the consumer writes, cut into batches the way it cuts them (a poll each).
        List<TsvWriter> batches = new ArrayList<>();
        long encodeNanos = 0;
        int rows = 0;
        double readCpu = cpuSeconds()[1];
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (rows < events) {
                TsvWriter batch = new TsvWriter(1 << 20);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    table.append(record, batch);
                    encodeNanos += THREADS.getCurrentThreadCpuTime() - start;
                }
                if (batch.rows() > 0) {
                    rows += batch.rows();
                    batches.add(batch);
                }
            }
        }
        readCpu = cpuSeconds()[1] - readCpu - encodeNanos / 1e9;
        // Timed: the INSERTs, back to back, as a bulk load would run them.
        double[] cpuBefore = cpuSeconds();
        long started = System.nanoTime();
        for (TsvWriter batch : batches) {
            clickHouse.insertTabSeparated(table.name(), table.columns(), batch.buffer(), 0, batch.size());
        }
        long nanos = System.nanoTime() - started;
        double[] cpuAfter = cpuSeconds();
        int inserts = batches.size();
        batches.clear();
        verify(clickHouse, rows);
        line("  direct bulk, round %d: %,d rows in %d INSERTs in %.2f s; %s", round, rows, inserts, nanos / 1e9,
                cpuDelta(cpuBefore, cpuAfter));
        line("    (preparing them, untimed: decoding+encoding %.1f µs of CPU per row, reading them from Kafka and the "
                + "rest of the JVM %.1f µs per row)", encodeNanos / 1e3 / rows, readCpu * 1e6 / rows);
        drop(clickHouse);
        return rows / (nanos / 1e9);
    }

    // ---- the production pipeline

    private double kafkaToClickHouse(int round) throws Exception {
        ClickHouseClient clickHouse = clickHouse(id + "_kafka_" + round);
        SchemaManager schema = new SchemaManager(clickHouse, HistorySchema.MIGRATIONS);
        schema.ensureReady();
        AuctionEventsTable table = new AuctionEventsTable(HistorySchema.eventMapper());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry, List.of(table.name()), List.of(topic));
        Map<String, Object> kafka = Map.of("bootstrap.servers", servers.kafkaBootstrapServers());
        double rate;
        try (DeadLetters deadLetters = new DeadLetters(kafka, new KafkaAdmin(kafka), metrics)) {
            TableBatchListener listener = new TableBatchListener(table,
                    new ClickHouseBatchSink(table, clickHouse, schema, metrics), RecordTracing.NONE);
            ConcurrentMessageListenerContainer<byte[], byte[]> container = IngestContainers.container(topic,
                    IngestContainers.consumerFactory(ConsumerSettings.forGroup(kafka, id + "_group_" + round,
                            settings), registry), listener, IngestContainers.errorHandler(deadLetters, settings),
                    settings);
            double[] cpuBefore = cpuSeconds();
            long started = System.nanoTime();
            // The sustained rate is measured from the first batch stored at or beyond 10 % (batches are large:
            // that can be well past 10 %), counting only the rows stored after it.
            long markNanos = 0;
            long storedAtMark = 0;
            container.start();
            long stored;
            while ((stored = listener.storedRecords()) < events) {
                if (markNanos == 0 && stored >= events / 10) {
                    markNanos = System.nanoTime();
                    storedAtMark = stored;
                }
                Thread.sleep(2);
            }
            long done = System.nanoTime();
            double[] cpuAfter = cpuSeconds();
            container.stop();
            double inserts = registry.get("oktioneer.clickhouse.insert.latency").timer().count();
            double insertSeconds = registry.get("oktioneer.clickhouse.insert.latency").timer()
                    .totalTime(TimeUnit.SECONDS);
            if (markNanos == 0) {
                // Everything came in one batch (a small run): the rate from the start is all there is.
                markNanos = started;
            }
            rate = (events - storedAtMark) / ((done - markNanos) / 1e9);
            line("  Kafka -> ClickHouse, round %d: %,d rows in %.0f INSERTs (%.2f s of INSERT time), %.2f s from start "
                    + "(incl. group join), %,.0f rows/s overall, %,.0f rows/s sustained (from %,d stored to %,d)", round,
                    events, inserts, insertSeconds, (done - started) / 1e9, events / ((done - started) / 1e9), rate,
                    storedAtMark, events);
            line("  Kafka -> ClickHouse, round %d: %s; JVM %.1f µs of CPU per row", round,
                    cpuDelta(cpuBefore, cpuAfter), (cpuAfter[1] - cpuBefore[1]) * 1e6 / events);
        }
        verify(clickHouse, events);
        drop(clickHouse);
        return rate;
    }

    // ---- helpers

    /**
     * CPU seconds used so far by the ClickHouse server the benchmark talks to (the local {@code clickhouse-server}
     * whose config file declares the URL's HTTP port; NaN when not found) and by this JVM.
     */
    private double[] cpuSeconds() {
        double clickHouseCpu = Double.NaN;
        String httpPort = "<http_port>" + java.net.URI.create(servers.clickhouseUrl()).getPort() + "</http_port>";
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String cmdline = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                    int config = cmdline.indexOf("--config-file=");
                    if (cmdline.contains("clickhouse-server") && config >= 0 && Files.readString(Path.of(
                            cmdline.substring(config + "--config-file=".length()).split(" ")[0])).contains(httpPort)) {
                        String[] stat = Files.readString(dir.resolve("stat")).split(" ");
                        clickHouseCpu = (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) / 100.0;
                    }
                } catch (IOException | RuntimeException e) {
                    // A process that ended meanwhile.
                }
            }
        } catch (IOException e) {
            // No /proc: leave NaN.
        }
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new double[] {clickHouseCpu, jvm};
    }

    private static String cpuDelta(double[] before, double[] after) {
        return String.format(Locale.ROOT, "CPU used: ClickHouse %.1f s, benchmark JVM (Kafka client, decoding) %.1f s",
                after[0] - before[0], after[1] - before[1]);
    }

    private ClickHouseClient clickHouse(String database) {
        return new ClickHouseClient(HistorySettings.clickHouse(servers.clickhouseUrl(), servers.clickhouseUser(),
                servers.clickhousePassword(), database));
    }

    private static void verify(ClickHouseClient clickHouse, int expected) {
        long stored = Long.parseLong(clickHouse.query("SELECT count() FROM " + clickHouse.qualified("auction_events")
                + " FINAL FORMAT TabSeparated").strip());
        if (stored != expected) {
            throw new IllegalStateException("expected " + expected + " rows, found " + stored);
        }
    }

    private static void drop(ClickHouseClient clickHouse) {
        clickHouse.execute("DROP DATABASE IF EXISTS `" + clickHouse.database() + "`");
    }

    private void summary(List<double[]> results) throws IOException {
        double bestDirect = results.stream().mapToDouble(r -> r[0]).max().orElseThrow();
        double bestKafka = results.stream().mapToDouble(r -> r[1]).max().orElseThrow();
        double[] ratios = results.stream().mapToDouble(r -> r[1] / r[0]).sorted().toArray();
        line("");
        line("%d rounds: best direct bulk %,.0f rows/s, best Kafka -> ClickHouse %,.0f rows/s; ratio per round "
                + "%s, median %.2f (SPEC §9 target >= 0.80)", results.size(), bestDirect, bestKafka,
                java.util.Arrays.toString(java.util.Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0)
                        .toArray()), median(ratios));
        line("Settings: batch %,d rows / %,d bytes, linger %s, %d consumer(s); ClickHouse %s at %s; Kafka at %s",
                settings.batchMaxRows(), settings.batchMaxBytes(), settings.batchLinger(), settings.concurrency(),
                clickHouse("system").query("SELECT version()").strip(), servers.clickhouseUrl(),
                servers.kafkaBootstrapServers());
        line("Machine: %d cores (%s), %s, load average at end %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpuModel(), memory(), Files.readString(Path.of("/proc/loadavg")).strip(), Runtime.version());
        line("Command: ./mvnw -pl history-consumer test-compile exec:java -Dbench.events=%d -Dbench.rounds=%d",
                events, rounds);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    }

    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\s+", " ")).orElse("");
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    private void write() throws IOException {
        Path dir = Path.of(System.getProperty("oktioneer.root", "."), "history-consumer", "target", "benchmark");
        Files.createDirectories(dir);
        Path file = dir.resolve("ingest-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".txt");
        Files.writeString(file, "Oktioneer history-consumer ingest benchmark, " + Instant.now() + "\n\n" + report);
        System.out.println("Report: " + file);
    }
}
