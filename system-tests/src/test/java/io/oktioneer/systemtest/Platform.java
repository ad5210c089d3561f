package io.oktioneer.systemtest;

import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.FreePorts;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import io.oktioneer.testsupport.SpringProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The whole platform for one test JVM, started once: the five service jars (as packaged by the reactor) as child
 * processes of this JDK on free ports, pointed at the shared real servers with data of their own (fresh PostgreSQL
 * databases, unique Kafka topics and consumer groups, a unique ClickHouse database, Redis key prefixes), wired to
 * each other, tracing to the shared Zipkin, logging to files under target/; plus a private Prometheus scraping
 * them every second with the shipped alert rules. Everything stops at JVM exit, or at once when the start fails.
 *
 * <p>{@link #startOn} starts another one on servers of a test's own (the fault suite's private servers), without
 * Prometheus; its test closes it. {@link #kill} and {@link #restart} are a service's crash and its restart.
 *
 * <p>{@link #scaled} starts several instances of some services (as {@code ./oktioneer up --replicas} does): the
 * first instance of a service is named after it, the others {@code <service>-2}, {@code <service>-3}…; every
 * instance has a port of its own, the instances of a service share its database, consumer group and key
 * prefixes, the gateways route over every instance of each service and the auction-services call every engine.
 */
final class Platform implements AutoCloseable {

    /** The services, in the order they start and the reverse order they stop. */
    static final List<String> SERVICES = List.of("preference-service", "decision-engine", "auction-service",
            "history-consumer", "gateway");

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static Platform instance;
    private static RuntimeException startFailure;

    final String id;
    final String internalToken;
    final String adminKey;
    final String auctionsTopic;
    final String preferencesTopic;
    final String clickhouseDatabase;
    final Path workDir;
    final String zipkinUrl;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final int prometheusPort;
    final ServerEndpoints servers;
    private final boolean withPrometheus;
    private final Map<String, Integer> replicas;
    private final Map<String, String> extraSettings;
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();
    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private ChildProcess prometheus;

    /** The platform of this JVM, started on first use; a failed start fails every later call the same way. */
    static synchronized Platform get() {
        if (startFailure != null) {
            throw new IllegalStateException("the platform did not start (see the first failure)", startFailure);
        }
        if (instance == null) {
            try {
                instance = started(new Platform(RealServers.get(), true, Map.of(), Map.of()));
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    /**
     * Stops the shared platform if it runs; the next {@link #get()} starts a new one. For a test whose timings
     * must not share two cores with five idle services of another test (the fault suite).
     */
    static synchronized void stopShared() {
        if (instance != null) {
            instance.stop();
            instance = null;
        }
    }

    /** A platform of the caller's own on the given servers (no Prometheus); close it when done. */
    static Platform startOn(ServerEndpoints servers) {
        return started(new Platform(servers, false, Map.of(), Map.of()));
    }

    /**
     * A platform of the caller's own with {@code replicas} instances of the services it names (one of the others),
     * each service given {@code settings} too (no Prometheus); close it when done.
     */
    static Platform scaled(ServerEndpoints servers, Map<String, Integer> replicas, Map<String, String> settings) {
        if (!SERVICES.containsAll(replicas.keySet())) {
            throw new IllegalArgumentException("unknown services in " + replicas);
        }
        return started(new Platform(servers, false, replicas, settings));
    }

    private static Platform started(Platform platform) {
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-stop"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            platform.stop();
            throw e;
        }
        return platform;
    }

    private Platform(ServerEndpoints servers, boolean withPrometheus, Map<String, Integer> replicas,
                     Map<String, String> extraSettings) {
        this.servers = servers;
        this.withPrometheus = withPrometheus;
        this.replicas = Map.copyOf(replicas);
        this.extraSettings = Map.copyOf(extraSettings);
        id = Isolation.uniqueId("st");
        SecureRandom random = new SecureRandom();
        internalToken = "st-" + HexFormat.of().formatHex(random.generateSeed(16));
        adminKey = "okt_admin_st_" + HexFormat.of().formatHex(random.generateSeed(16));
        auctionsTopic = Isolation.topic(Topics.AUCTIONS, id);
        preferencesTopic = Isolation.topic(Topics.PREFERENCES, id);
        clickhouseDatabase = id;
        workDir = ObservabilityFiles.root().resolve("system-tests/target/system-test/" + id);
        zipkinUrl = "http://127.0.0.1:" + envPort("OKTIONEER_ZIPKIN_PORT", 19411);
        for (String service : SERVICES) {
            for (String instance : instances(service)) {
                ports.put(instance, FreePorts.next());
            }
        }
        prometheusPort = FreePorts.next();
    }

    String gatewayUrl() {
        return url("gateway");
    }

    /** The URL of an instance (a service's name is its first instance). */
    String url(String instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    /** The instances of a service: its own name, then {@code <service>-2}, {@code <service>-3}… */
    List<String> instances(String service) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= replicas.getOrDefault(service, 1); i++) {
            names.add(i == 1 ? service : service + "-" + i);
        }
        return names;
    }

    /** The URLs of every instance of a service. */
    List<String> urls(String service) {
        return instances(service).stream().map(this::url).toList();
    }

    String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    ChildProcess service(String instance) {
        return services.get(instance);
    }

    Path logFile(String instance) {
        return workDir.resolve("logs/" + instance + ".log");
    }

    private void start() {
        requireListening("Zipkin (./oktioneer infra up starts it)", zipkinUrl);
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path jar = ObservabilityFiles.root().resolve(service + "/target/" + service + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package"
                        + " -DskipTests, or run the whole reactor: system-tests is its last module)");
            }
            // A private copy: a rebuild of the module while the platform runs must not pull classes from under it.
            Path copy = workDir.resolve("jars/" + jar.getFileName());
            try {
                Files.createDirectories(copy.getParent());
                Files.copy(jar, copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jars.put(service, copy);
        }
        Map<String, String> databases = new LinkedHashMap<>();
        for (String service : List.of("preference-service", "auction-service", "gateway")) {
            databases.put(service, newDatabase("st_" + service.replace("-service", "")));
        }
        try {
            Files.createDirectories(workDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String service : SERVICES) {
            for (String instance : instances(service)) {
                // Lighter than the launcher's JVM options (five JVMs next to the build on two cores); nothing here
                // changes what the services log or export.
                List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms64m", "-Xmx384m",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jars.get(service).toString()));
                command.addAll(settings(service, instance, servers, databases.get(service)));
                commands.put(instance, command);
                services.put(instance, ChildProcess.startStartingNiced(instance, ports.get(instance), command,
                        logFile(instance), workDir));
            }
        }
        List<Runnable> waits = new ArrayList<>();
        for (ChildProcess process : services.values()) {
            waits.add(() -> awaitReady(process));
        }
        if (withPrometheus) {
            prometheus = startPrometheus();
            waits.add(() -> prometheus.awaitReady(prometheusUrl() + "/-/ready", Duration.ofMinutes(1)));
        }
        inParallel(waits);
    }

    /** Ready (warm, for the services that warm up) and then at normal CPU priority. */
    private static void awaitReady(ChildProcess process) {
        process.awaitReady("http://127.0.0.1:" + process.port + "/actuator/health/readiness", READY_TIMEOUT);
        process.raisePriority();
    }

    /** {@code kill -9} of one instance: no shutdown, in-flight work lost as in a crash. */
    synchronized void kill(String instance) {
        services.get(instance).kill();
    }

    /** Starts the instance again, same command and port, and returns once its readiness says UP. */
    void restart(String instance) {
        ChildProcess process;
        synchronized (this) {
            process = ChildProcess.startStartingNiced(instance, ports.get(instance), commands.get(instance),
                    logFile(instance), workDir);
            services.put(instance, process);
        }
        awaitReady(process);
    }

    /** A new empty database on this platform's PostgreSQL. */
    private String newDatabase(String prefix) {
        String name = Isolation.uniqueId("it_" + prefix);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(servers.postgresJdbcUrl("postgres"),
                servers.postgresUser(), servers.postgresPassword());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /** A call through the (first) gateway with the admin key. */
    Http.Answer admin(String method, String path, Object body) {
        return Http.send(method, gatewayUrl() + path, Map.of("Authorization", "Bearer " + adminKey), body);
    }

    /** A new API key (POST /api/v1/admin/api-keys with {@code body}); its plaintext. */
    String newKey(Map<String, Object> body) {
        return Http.expect(admin("POST", "/api/v1/admin/api-keys", body), 201).json().path("key").asString();
    }

    /** The machine's load averages (for reports). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The JDBC URL of a service's database (preference-service, auction-service or gateway). */
    String jdbcUrl(String service) {
        List<String> command = commands.get(service);
        return command.stream().filter(arg -> arg.startsWith("--spring.datasource.url=")).findFirst()
                .map(arg -> arg.substring("--spring.datasource.url=".length())).orElseThrow();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Runs the tasks on threads of their own (not the common pool: one thread on a 2-core machine) and returns
     * when all are done, or at the first failure (the others are interrupted).
     */
    private static void inParallel(List<Runnable> tasks) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletableFuture<Object> firstFailure = new CompletableFuture<>();
            List<CompletableFuture<Void>> futures = tasks.stream()
                    .map(task -> CompletableFuture.runAsync(task, executor)).toList();
            futures.forEach(future -> future.exceptionally(e -> {
                firstFailure.completeExceptionally(e);
                return null;
            }));
            CompletableFuture.anyOf(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), firstFailure)
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Command-line settings of one instance of a service: where everything is, and its isolated names. */
    private List<String> settings(String service, String instance, ServerEndpoints servers, String database) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(ports.get(instance)));
        settings.put("oktioneer.security.internal-token", internalToken);
        // the shared platform proves traces end to end; a platform under steady load samples like production
        settings.put("management.tracing.sampling.probability", withPrometheus ? "1.0" : "0.1");
        settings.put("management.tracing.export.zipkin.endpoint", zipkinUrl + "/api/v2/spans");
        settings.putAll(Logs.REQUEST_LOGGING);
        if (database != null) {
            settings.put("spring.datasource.url", servers.postgresJdbcUrl(database));
            settings.put("spring.datasource.username", servers.postgresUser());
            settings.put("spring.datasource.password", servers.postgresPassword());
        }
        if (!service.equals("gateway")) {
            settings.put("spring.kafka.bootstrap-servers", servers.kafkaBootstrapServers());
            settings.put("spring.kafka.consumer.group-id", id + "-" + service);
            settings.put("oktioneer.kafka.topics.auctions", auctionsTopic);
            settings.put("oktioneer.kafka.topics.preferences", preferencesTopic);
        }
        switch (service) {
            case "preference-service" -> {
                redis(settings, servers);
                settings.put("oktioneer.cache.key-prefix", id + ":preference:");
            }
            case "auction-service" -> settings.put("oktioneer.engine.urls", String.join(",", urls("decision-engine")));
            case "history-consumer" -> {
                settings.put("oktioneer.history.group-id", id + "-history");
                settings.put("oktioneer.clickhouse.url", servers.clickhouseUrl());
                settings.put("oktioneer.clickhouse.user", servers.clickhouseUser());
                settings.put("oktioneer.clickhouse.password", servers.clickhousePassword());
                settings.put("oktioneer.clickhouse.database", clickhouseDatabase);
            }
            case "gateway" -> {
                redis(settings, servers);
                settings.put("oktioneer.security.admin-key", adminKey);
                settings.put("oktioneer.gateway.services.preference", String.join(",", urls("preference-service")));
                settings.put("oktioneer.gateway.services.auction", String.join(",", urls("auction-service")));
                settings.put("oktioneer.gateway.services.history", String.join(",", urls("history-consumer")));
                settings.put("oktioneer.gateway.health.engine", String.join(",", urls("decision-engine")));
                // A probe of a service shares 2 cores with six JVMs here: generous, so a slow answer is not DOWN.
                settings.put("oktioneer.gateway.health.timeout", "5s");
                settings.put("oktioneer.rate-limits.key-prefix", id + ":bucket:");
            }
            default -> {
            }
        }
        settings.putAll(extraSettings);
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    private void redis(Map<String, String> settings, ServerEndpoints servers) {
        settings.put("spring.data.redis.host", servers.redisHost());
        settings.put("spring.data.redis.port", String.valueOf(servers.redisPort()));
        if (withPrometheus) {
            // roomy for the shared, busy Redis; a platform of its own keeps the services' own time-outs (its
            // fault suite is about answering in time while Redis is down)
            settings.put("spring.data.redis.timeout", SpringProperties.REDIS_TEST_TIMEOUT);
            settings.put("spring.data.redis.connect-timeout", SpringProperties.REDIS_TEST_TIMEOUT);
        }
    }

    /**
     * A Prometheus of the test's own: deploy/prometheus/prometheus.yml with each target moved to the platform's
     * port of the service its {@code application} label names, a 2 s scrape (its timeout roomy for a loaded
     * machine), a 1 s evaluation interval, and the same rule files (absolute paths).
     */
    @SuppressWarnings("unchecked")
    private ChildProcess startPrometheus() {
        Map<String, Object> config = ObservabilityFiles.yaml(ObservabilityFiles.prometheusDir().resolve("prometheus.yml"));
        Map<String, Object> global = (Map<String, Object>) config.computeIfAbsent("global", k -> new LinkedHashMap<>());
        global.put("scrape_interval", "2s");
        global.put("scrape_timeout", "2s");
        global.put("evaluation_interval", "1s");
        config.put("rule_files", ObservabilityFiles.ruleFiles().stream().map(Path::toString).toList());
        List<String> scraped = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            job.remove("scrape_interval");
            job.remove("scrape_timeout");
            for (Map<String, Object> group : (List<Map<String, Object>>) job.get("static_configs")) {
                Map<String, Object> labels = (Map<String, Object>) group.get("labels");
                String application = labels == null ? null : (String) labels.get("application");
                if (application == null) {
                    group.put("targets", List.of("127.0.0.1:" + prometheusPort));
                } else if (ports.containsKey(application)) {
                    group.put("targets", List.of("127.0.0.1:" + ports.get(application)));
                    scraped.add(application);
                } else {
                    throw new IllegalStateException("prometheus.yml scrapes an unknown application: " + application);
                }
            }
        }
        if (!scraped.containsAll(SERVICES)) {
            throw new IllegalStateException("prometheus.yml does not scrape every service: " + scraped);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = workDir.resolve("prometheus.yml");
        try {
            Files.writeString(file, new Yaml(options).dump(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("prometheus", "--config.file=" + file,
                "--storage.tsdb.path=" + workDir.resolve("prometheus-data"),
                "--storage.tsdb.retention.time=1h",
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--web.enable-lifecycle");
        try {
            return ChildProcess.start("prometheus", prometheusPort, command, workDir.resolve("logs/prometheus.log"),
                    workDir);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot run the prometheus binary (apt-get install -y prometheus, or"
                    + " ./oktioneer test which installs it)", e);
        }
    }

    private synchronized void stop() {
        if (prometheus != null) {
            prometheus.stop(Duration.ofSeconds(5));
        }
        List<String> reverse = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(reverse);
        inParallel(reverse.stream().<Runnable>map(service -> () -> services.get(service).stop(Duration.ofSeconds(15)))
                .toList());
        deleteTree(workDir.resolve("jars"));
        deleteTree(workDir.resolve("prometheus-data"));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ are harmless
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int envPort(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static void requireListening(String what, String url) {
        java.net.URI uri = java.net.URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not listening on " + url);
        }
    }
}
