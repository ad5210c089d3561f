package io.oktioneer.auction.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.auction.ledger.AuctionEvents;
import io.oktioneer.auction.ledger.BatchResolver;
import io.oktioneer.auction.ledger.EngineDecision;
import io.oktioneer.auction.ledger.LedgerCommand;
import io.oktioneer.auction.ledger.LedgerOutcome;
import io.oktioneer.auction.ledger.LedgerSettings;
import io.oktioneer.auction.ledger.LedgerWriter;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.auction.outbox.Trace;
import io.oktioneer.contracts.auction.Item;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write path alone (SPEC §4.5): decided evaluations submitted to one {@link LedgerWriter} at a fixed rate
 * (open model) by virtual threads, each waiting for its group commit, against a fresh PostgreSQL database.
 * Candidates are drawn from a small set of preferences so a few rows are hot. Not a test: prints figures.
 *
 * <pre>java -cp ... io.oktioneer.auction.bench.LedgerWriterBench rate=2000 seconds=20 preferences=50</pre>
 */
public final class LedgerWriterBench {

    private LedgerWriterBench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> opts = new java.util.TreeMap<>();
        for (String arg : args) {
            opts.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String host = opts.getOrDefault("postgres", "127.0.0.1:15432");
        String database = "oktioneer_ledgerbench_" + System.currentTimeMillis();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "oktioneer",
                "oktioneer"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + host + "/" + database);
        config.setUsername("oktioneer");
        config.setPassword("oktioneer");
        config.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Flyway.configure().dataSource(dataSource).load().migrate();
            LedgerWriter writer = new LedgerWriter(dataSource, new AuctionEvents(JsonMapper.builder().build()),
                    new BatchResolver.Policy(Duration.ofMinutes(10), Duration.ofHours(24)),
                    LedgerSettings.of(256, Duration.ZERO, 100_000), new AuctionMetrics(new SimpleMeterRegistry()),
                    Clock.systemUTC(), records -> { });
            writer.start();
            int preferences = Integer.parseInt(opts.getOrDefault("preferences", "50"));
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < preferences; i++) {
                ids.add(UUID.randomUUID());
            }
            run(writer, ids, 500, 10, "warmup");
            for (String rate : opts.getOrDefault("rates", "1000,2000,4000").split(",")) {
                run(writer, ids, Integer.parseInt(rate), Integer.parseInt(opts.getOrDefault("seconds", "20")), "step");
            }
            writer.stop();
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "oktioneer",
                    "oktioneer"); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static void run(LedgerWriter writer, List<UUID> ids, int rate, int seconds, String label)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger bids = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        SplittableRandom random = new SplittableRandom(rate);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 20_000_000L;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * interval;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                List<EngineCandidate> candidates = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    UUID id = ids.get(random.nextInt(ids.size()));
                    candidates.add(new EngineCandidate(id, "u-" + id.toString().substring(0, 6),
                            new BigDecimal("12.34"), new BigDecimal("100.00"), new BigDecimal("100.00"), null,
                            Instant.EPOCH));
                }
                AuctionTerms terms = new AuctionTerms(new AuctionKey("ex-bench", run + "-" + i),
                        new Item("watches", "omega", "item"), new BigDecimal("10.00"), "EUR", AuctionType.ENGLISH,
                        new BigDecimal("0.01"), null, 60_000);
                int index = i;
                threads.submit(() -> {
                    LedgerOutcome outcome = writer.apply(new LedgerCommand.PlaceRound(terms, 1, null,
                            UUID.randomUUID(), Instant.now(), EngineDecision.candidates(3,
                            candidates.stream().distinct().toList(), 0.1), intended,
                            Trace.NONE), intended + 60_000_000_000L);
                    latencies[index] = System.nanoTime() - intended;
                    if (outcome instanceof LedgerOutcome.RoundRecorded recorded && recorded.round().isBid()) {
                        bids.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            done.await();
        }
        Arrays.sort(latencies);
        System.out.printf("%s ledger writer rate=%d/s seconds=%d committed BIDs=%d other=%d p50=%.2fms p90=%.2fms"
                        + " p99=%.2fms p99.9=%.2fms max=%.2fms load=%s%n", label, rate, seconds, bids.get(),
                failures.get(), q(latencies, 0.5), q(latencies, 0.9), q(latencies, 0.99), q(latencies, 0.999),
                latencies[total - 1] / 1e6, loadAverage());
    }

    private static double q(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
