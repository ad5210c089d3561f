package io.oktioneer.auction.bench;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-model load on {@code POST /api/v1/auctions/evaluate} (not a test: a benchmark, SPEC §9). Requests leave at
 * fixed intended times whatever the answers do, and each latency is measured from its intended time, so a stall
 * shows up in the percentiles (no coordinated omission). Optionally seeds preferences into the preferences topic
 * the engine and the auction-service read. Prints and writes a report.
 *
 * <pre>
 * java -cp ... io.oktioneer.auction.bench.EvaluateBench url=http://127.0.0.1:28082 token=... steps=500,1000,2000
 *      duration=30 warmup=10 seed=10000 bootstrap=127.0.0.1:19092 topic=oktioneer.preferences.v1.bench report=FILE
 * </pre>
 */
public final class EvaluateBench {

    private static final String[] CATEGORIES = {"watches", "cameras", "bikes", "guitars", "lamps", "books", "shoes",
            "phones", "pens", "chairs"};
    private static final String[] BRANDS = {"omega", "seiko", "leica", "canon", "trek", "gibson", "fender", "artemide",
            "nike", "apple", "montblanc", "eames"};

    private EvaluateBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String url = opts.getOrDefault("url", "http://127.0.0.1:18082") + "/api/v1/auctions/evaluate";
        String token = opts.getOrDefault("token", "dev-internal-token");
        int duration = Integer.parseInt(opts.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
        int seed = Integer.parseInt(opts.getOrDefault("seed", "0"));
        if (seed > 0) {
            seed(opts.get("bootstrap"), opts.get("topic"), seed);
            Thread.sleep(Long.parseLong(opts.getOrDefault("settle", "5000")));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        StringBuilder report = new StringBuilder();
        report.append("# evaluate benchmark ").append(Instant.now()).append('\n')
                .append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; target ")
                .append(url).append("; open model, latency from intended send time\n");
        if (warmup > 0) {
            System.out.println(run(http, url, token, Integer.parseInt(opts.getOrDefault("warmupRate", "500")), warmup,
                    "warmup"));
        }
        for (String step : opts.getOrDefault("steps", "500,1000,2000").split(",")) {
            if (step.equals("none")) {
                continue;
            }
            String line = run(http, url, token, Integer.parseInt(step.trim()), duration, "step");
            System.out.println(line);
            report.append(line).append('\n');
        }
        if (opts.containsKey("report") && report.indexOf("step ") >= 0) {
            Files.writeString(Path.of(opts.get("report")), report.toString());
        }
    }

    private static String run(HttpClient http, String url, String token, int rate, int seconds, String label)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        SplittableRandom random = new SplittableRandom(rate * 31L + seconds);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String body = "{\"exchange\":\"ex-bench\",\"auctionId\":\"" + run + "-" + i + "\",\"item\":{\"category\":\""
                    + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"brand\":\"" + BRANDS[random.nextInt(BRANDS.length)]
                    + "\",\"title\":\"item " + i + "\"},\"floorPrice\":" + (10 + random.nextInt(90))
                    + ",\"currency\":\"EUR\",\"auctionType\":\"ENGLISH\",\"tmaxMs\":100}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header(InternalHeaders.INTERNAL_TOKEN, token)
                    .header(InternalHeaders.ROLE, "BIDDER").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - intended;
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                    outcomes.computeIfAbsent(failure != null ? "error:" + failure.getClass().getSimpleName()
                            : "http:" + response.statusCode(), k -> new LongAdder()).increment();
                } else {
                    String text = response.body();
                    String key = text.contains("\"decision\":\"BID\"") ? "BID"
                            : text.replaceAll(".*\"reason\":\"([A-Z_]+)\".*", "NO_BID:$1");
                    outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
                }
                done.countDown();
            });
        }
        long sentIn = System.nanoTime() - start;
        done.await();
        Arrays.sort(latencies);
        return String.format("%s rate=%d/s duration=%ds requests=%d achievedSendRate=%.0f/s errors=%d "
                        + "p50=%.2fms p90=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms outcomes=%s",
                label, rate, seconds, total, total / (sentIn / 1e9), errors.get(), ms(latencies, 0.50),
                ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999), latencies[total - 1] / 1e6,
                new TreeMap<>(outcomes));
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Publishes {@code count} preferences (half capped, half not) for 1/4 as many users. */
    private static void seed(String bootstrap, String topic, int count) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        SplittableRandom random = new SplittableRandom(42);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                List<String> categories = new ArrayList<>(List.of(CATEGORIES[random.nextInt(CATEGORIES.length)]));
                List<String> brands = random.nextInt(3) == 0 ? List.of()
                        : List.of(BRANDS[random.nextInt(BRANDS.length)]);
                BigDecimal maxBid = BigDecimal.valueOf(50 + random.nextInt(450)).setScale(2);
                BigDecimal total = i % 2 == 0 ? null : BigDecimal.valueOf(100_000 + random.nextInt(900_000)).setScale(2);
                PreferenceUpserted p = new PreferenceUpserted(UUID.randomUUID(), "bench-u" + (i / 4), "ACTIVE", "p" + i,
                        categories, brands, maxBid, total, "EUR", true, 1, now.plusMillis(i), now);
                producer.send(new ProducerRecord<>(topic, p.preferenceId().toString(), json.writeValueAsString(
                        EventEnvelope.of(EventTypes.PREFERENCE_UPSERTED, now, null, p))));
            }
            producer.flush();
        }
        System.out.println("seeded " + count + " preferences into " + topic);
    }
}
