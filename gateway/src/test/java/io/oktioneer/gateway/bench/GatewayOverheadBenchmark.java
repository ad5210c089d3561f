package io.oktioneer.gateway.bench;

import io.oktioneer.gateway.GatewayApplication;
import io.oktioneer.gateway.GatewayClient;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency the gateway adds (SPEC §9: at most 1 ms p99), measured in one run: the same evaluate call sent to a
 * stand-in auction-service directly and through the gateway (real PostgreSQL for keys, real Redis for the
 * rate limit, the shipped configuration with tracing), interleaved, at a fixed open-model rate each. Latency
 * is measured from each request's scheduled start (coordinated-omission free). Not a test: a main that
 * writes {@code gateway/target/gateway-overhead.md}.
 *
 * <pre>
 * OKTIONEER_TEST_SERVERS=local ./mvnw -q -pl gateway test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.oktioneer.gateway.bench.GatewayOverheadBenchmark [-Drate=1000 -Dseconds=30 -Dwarmup=15]
 * </pre>
 */
public final class GatewayOverheadBenchmark {

    private static final String BODY = "{\"exchange\":\"ex-bench\",\"auctionId\":\"A-1\",\"item\":{\"category\":\"watches\","
            + "\"brand\":\"omega\"},\"floorPrice\":120.00,\"currency\":\"EUR\"}";
    private static final byte[] ANSWER = ("{\"decisionId\":\"" + UUID.randomUUID() + "\",\"exchange\":\"ex-bench\","
            + "\"auctionId\":\"A-1\",\"decision\":\"NO_BID\",\"bid\":null,\"reason\":\"NO_MATCH\",\"candidates\":0,"
            + "\"evaluatedAt\":\"2026-11-24T18:00:00.000Z\"}").getBytes(StandardCharsets.UTF_8);

    private GatewayOverheadBenchmark() {
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            measure();
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            System.exit(status);
        }
    }

    private static void measure() throws Exception {
        int rate = Integer.getInteger("rate", 1000);
        int seconds = Integer.getInteger("seconds", 30);
        int warmup = Integer.getInteger("warmup", 15);

        DisposableServer service = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().then(response.status(200)
                        .header("Content-Type", "application/json").sendByteArray(Mono.just(ANSWER)).then()))
                .bindNow();
        String adminKey = "bench-admin-" + UUID.randomUUID();
        ServerEndpoints servers = RealServers.get();
        String database = Isolation.newPostgresDatabase("gateway_bench");
        // Command-line arguments: they win over application.yml, as a deployment's environment does.
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + servers.postgresJdbcUrl(database),
                "--spring.datasource.username=" + servers.postgresUser(),
                "--spring.datasource.password=" + servers.postgresPassword(),
                "--spring.data.redis.host=" + servers.redisHost(),
                "--spring.data.redis.port=" + servers.redisPort(),
                "--oktioneer.security.admin-key=" + adminKey,
                "--oktioneer.gateway.services.auction=http://127.0.0.1:" + service.port(),
                "--oktioneer.rate-limits.key-prefix=" + Isolation.uniqueId("bench") + ":",
                "--logging.level.root=WARN"));
        // Extra gateway settings for experiments, e.g. -DgatewayArgs=--management.tracing.sampling.probability=0
        String extra = System.getProperty("gatewayArgs", "").trim();
        if (!extra.isEmpty()) {
            arguments.addAll(List.of(extra.split("\\s+")));
        }
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(arguments.toArray(String[]::new));
        int gatewayPort = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        new GatewayClient("http://127.0.0.1:" + gatewayPort).awaitReady();
        String bidderKey = createBidderKey(gatewayPort, adminKey, rate);

        HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(500).build())
                .responseTimeout(Duration.ofSeconds(10))
                .headers(headers -> headers.set("Content-Type", "application/json")
                        .set("Authorization", "Bearer " + bidderKey));
        Target direct = new Target("direct", client.baseUrl("http://127.0.0.1:" + service.port()), rate * seconds);
        Target viaGateway = new Target("gateway", client.baseUrl("http://127.0.0.1:" + gatewayPort), rate * seconds);

        run(rate, warmup, null, null, direct, viaGateway);
        run(rate, seconds, direct, viaGateway, direct, viaGateway);
        // CPU per call, which the machine's load does not distort: each target alone, same rate and duration.
        int cpuSeconds = Math.max(5, seconds / 3);
        long idleCpu = idleCpuNanos(cpuSeconds);
        double directCpu = cpuMicrosPerCall(rate, cpuSeconds, direct, idleCpu);
        double gatewayCpu = cpuMicrosPerCall(rate, cpuSeconds, viaGateway, idleCpu);

        String report = report(rate, seconds, warmup, direct, viaGateway)
                + String.format("%nCPU of this JVM per call, idle CPU subtracted (each target alone, %d/s for %d s): direct %.0f µs, "
                        + "through the gateway %.0f µs, so the gateway spends about %.0f µs of CPU per call "
                        + "(plus Redis's own, in its process).%n", rate, cpuSeconds, directCpu, gatewayCpu,
                        gatewayCpu - directCpu);
        System.out.println(report);
        Path file = Path.of("target", "gateway-overhead.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        gateway.close();
        service.disposeNow();
    }

    /** CPU of this JVM over {@code seconds} with no calls (timers, refresher, span export, JIT, GC). */
    private static long idleCpuNanos(int seconds) throws InterruptedException {
        long before = processCpuNanos();
        Thread.sleep(seconds * 1000L);
        return processCpuNanos() - before;
    }

    private static double cpuMicrosPerCall(int rate, int seconds, Target target, long idleCpuNanos)
            throws InterruptedException {
        long before = processCpuNanos();
        run(rate, seconds, null, null, target, null);
        return (processCpuNanos() - before - idleCpuNanos) / 1000.0 / ((long) rate * seconds);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Fires {@code rate} calls per second at each target for {@code seconds} (only {@code direct} when
     * {@code viaGateway} is null), recording when asked.
     */
    private static void run(int rate, int seconds, Target recordDirect, Target recordGateway, Target direct,
            Target viaGateway) throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        long total = (long) rate * seconds;
        AtomicLong outstanding = new AtomicLong();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                // Sleep most of the gap at once, then in short steps: punctual without burning a core.
                LockSupport.parkNanos(wait > 1_000_000 ? wait - 500_000 : Math.min(wait, 50_000));
            }
            // Alternate which goes first so neither always gets the fresher moment.
            if (viaGateway == null) {
                fire(direct, due, recordDirect, outstanding);
                continue;
            }
            Target first = (i & 1) == 0 ? direct : viaGateway;
            Target second = first == direct ? viaGateway : direct;
            fire(first, due, first == direct ? recordDirect : recordGateway, outstanding);
            fire(second, due, second == direct ? recordDirect : recordGateway, outstanding);
        }
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outstanding.get() > 0 && System.nanoTime() - giveUp < 0) {
            Thread.sleep(10);
        }
    }

    private static void fire(Target target, long due, Target record, AtomicLong outstanding) {
        outstanding.incrementAndGet();
        target.client.post().uri("/api/v1/auctions/evaluate")
                .send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(BODY.getBytes(StandardCharsets.UTF_8))))
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> response.status().code()))
                .subscribe(status -> {
                    if (record != null) {
                        record.record(System.nanoTime() - due, status == 200 ? null : "HTTP " + status);
                    }
                    outstanding.decrementAndGet();
                }, error -> {
                    if (record != null) {
                        record.record(System.nanoTime() - due, error.getClass().getSimpleName());
                    }
                    outstanding.decrementAndGet();
                });
    }

    private static final class Target {

        final String name;
        final HttpClient client;
        final long[] latencies;
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

        Target(String name, HttpClient client, int capacity) {
            this.name = name;
            this.client = client;
            this.latencies = new long[capacity];
        }

        void record(long nanos, String error) {
            int index = count.getAndIncrement();
            if (index < latencies.length) {
                latencies[index] = nanos;
            }
            if (error != null) {
                errors.incrementAndGet();
                errorKinds.computeIfAbsent(error, kind -> new AtomicInteger()).incrementAndGet();
            }
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(latencies, Math.min(count.get(), latencies.length));
            Arrays.sort(copy);
            return copy;
        }
    }

    private static double percentileMs(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    private static String report(int rate, int seconds, int warmup, Target direct, Target viaGateway) {
        long[] d = direct.sorted();
        long[] g = viaGateway.sorted();
        StringBuilder out = new StringBuilder();
        out.append("# Gateway overhead (").append(Instant.now()).append(")\n\n");
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average ")
                .append(String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(" at the end; Java ").append(System.getProperty("java.version")).append(".\n");
        out.append("Load: ").append(rate).append(" evaluate calls/s to each target (").append(2 * rate)
                .append("/s in all), ").append(seconds).append(" s measured after ").append(warmup)
                .append(" s warm-up, open model, latency from the scheduled start.\n\n");
        out.append("| target | calls | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Target target : new Target[] {direct, viaGateway}) {
            long[] s = target == direct ? d : g;
            out.append(String.format("| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", target.name, s.length,
                    target.errors.get(), percentileMs(s, 50), percentileMs(s, 90), percentileMs(s, 99),
                    percentileMs(s, 99.9), percentileMs(s, 100)));
        }
        for (Target target : new Target[] {direct, viaGateway}) {
            if (!target.errorKinds.isEmpty()) {
                out.append("\nErrors (").append(target.name).append("): ").append(target.errorKinds).append('\n');
            }
        }
        out.append(String.format("%nAdded by the gateway: p50 %.3f ms, p99 %.3f ms (SPEC §9: p99 at most 1 ms).%n",
                percentileMs(g, 50) - percentileMs(d, 50), percentileMs(g, 99) - percentileMs(d, 99)));
        return out.toString();
    }

    private static String createBidderKey(int port, String adminKey, int rate) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        // A bucket far above the load: the Redis round trip happens on every call, a 429 never does.
        String body = "{\"role\":\"BIDDER\",\"rateLimit\":{\"perSecond\":" + (rate * 100) + ",\"burst\":" + (rate * 100) + "}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("cannot create the bench key: " + response.statusCode() + " " + response.body());
        }
        return JsonMapper.builder().build().readTree(response.body()).get("key").asString();
    }
}
