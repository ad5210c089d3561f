package io.oktioneer.testsupport;

import static io.oktioneer.testsupport.NativeCommands.asPostgres;
import static io.oktioneer.testsupport.NativeCommands.kafkaCommand;
import static io.oktioneer.testsupport.NativeCommands.postgresBinary;
import static io.oktioneer.testsupport.NativeCommands.root;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A private server as a native process, from the binaries and jars {@code ./oktioneer infra up} installed.
 * PostgreSQL refuses to run as root: as root, its initdb and pg_ctl run as the {@code postgres} user (runuser),
 * as the launcher does; pg_ctl daemonises it, so its stop is {@code pg_ctl stop -m fast}, not a signal.
 */
final class NativePrivateServer implements PrivateServer {

    private static final String HOST = "127.0.0.1";
    private static final int READY_SECONDS = 180;

    private final Server kind;
    private final Path dir;
    private final int port;
    private final int secondPort;
    private Process process;

    NativePrivateServer(Server kind) {
        this.kind = kind;
        this.port = FreePorts.next();
        this.secondPort = FreePorts.next();
        Path run = RealServers.runDirectory();
        this.dir = run.resolve("private").resolve(kind.scriptName() + "-" + port);
        try {
            Files.createDirectories(dir);
            prepare(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restart();
    }

    private void prepare(Path run) throws IOException {
        switch (kind) {
            case KAFKA -> {
                Files.writeString(dir.resolve("server.properties"), String.join("\n",
                        "process.roles=broker,controller", "node.id=1",
                        "controller.quorum.voters=1@" + HOST + ":" + secondPort,
                        "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + secondPort,
                        "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "inter.broker.listener.name=PLAINTEXT", "log.dirs=" + dir.resolve("data"),
                        "num.partitions=3", "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=true", ""));
                run(kafkaCommand("kafka.tools.StorageTool", "format", "-t", "q1Sh-9_ISia_zwGINzRvyQ", "-c",
                        dir.resolve("server.properties").toString()), 60);
            }
            case CLICKHOUSE -> {
                Path local = RealServers.projectRoot().resolve("deploy/local");
                String config = Files.readString(local.resolve("clickhouse-config.xml"))
                        .replace("@RUN@/clickhouse", dir.toString())
                        .replace("@HTTP_PORT@", Integer.toString(port))
                        .replace("@TCP_PORT@", Integer.toString(secondPort));
                for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
                    Files.createDirectories(dir.resolve(sub));
                }
                Files.writeString(dir.resolve("config.xml"), config);
                Files.copy(local.resolve("clickhouse-users.xml"), dir.resolve("users.xml"));
            }
            case POSTGRES -> {
                Files.createDirectories(dir.resolve("socket"));
                Path passwordFile = dir.resolve("pwfile");
                Files.writeString(passwordFile, POSTGRES_PASSWORD + "\n");
                ownedByPostgres(dir);
                run(asPostgres(postgresBinary("initdb"), "-D", dir.resolve("data").toString(), "-U", POSTGRES_USER,
                        "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"), 120);
                Files.delete(passwordFile);
            }
            default -> {
            }
        }
    }

    static final String POSTGRES_USER = PrivateServer.POSTGRES_USER;
    static final String POSTGRES_PASSWORD = PrivateServer.POSTGRES_PASSWORD;

    private void ownedByPostgres(Path path) {
        if (root()) {
            run(List.of("chown", "-R", "postgres:postgres", path.toString()), 30);
        }
    }

    private List<String> pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(postgresBinary("pg_ctl"), "-D", dir.resolve("data").toString()));
        command.addAll(List.of(args));
        return asPostgres(command.toArray(String[]::new));
    }

    private void run(List<String> command, int seconds) {
        NativeCommands.run(command, seconds, dir.resolve("setup.log"));
    }

    @Override
    public Server kind() {
        return kind;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String address() {
        return kind == Server.CLICKHOUSE ? "http://" + HOST + ":" + port : HOST + ":" + port;
    }

    @Override
    public synchronized void restart() {
        if (kind == Server.POSTGRES) {
            if (!ready()) {
                run(pgCtl("-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start", "-o",
                        "-c listen_addresses=" + HOST + " -p " + port + " -k " + dir.resolve("socket")
                                + " -c max_connections=200"), 90);
            }
            awaitReady();
            return;
        }
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = switch (kind) {
            case REDIS -> List.of("redis-server", "--port", Integer.toString(port), "--bind", HOST, "--save", "",
                    "--appendonly", "no", "--dir", dir.toString());
            case CLICKHOUSE -> List.of("/usr/sbin/clickhouse-server", "--config-file=" + dir.resolve("config.xml"));
            case KAFKA -> kafkaCommand("kafka.Kafka", dir.resolve("server.properties").toString());
            case POSTGRES -> throw new IllegalStateException("started by pg_ctl");
        };
        try {
            // started niced, back to normal once ready: a starting broker or ClickHouse must not starve the
            // services under test (ProcessPriority)
            process = new ProcessBuilder(ProcessPriority.niced(command)).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        ProcessPriority.raise(kind.name(), process.pid());
    }

    private void awaitReady() {
        // roomy: a broker restarting after an outage on a loaded 2-core machine took more than 60 s
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(kind + " exited at start (see " + dir.resolve("server.log") + ")");
            }
            if (ready()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException(kind + " not ready in " + READY_SECONDS + " s (see " + dir.resolve("server.log") + ")");
    }

    private boolean ready() {
        if (kind == Server.CLICKHOUSE) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(address() + "/ping")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        boolean listening;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            listening = true;
        } catch (IOException e) {
            listening = false;
        }
        return listening && (kind != Server.KAFKA || kafkaAnswers()) && (kind != Server.POSTGRES || postgresAnswers());
    }

    /** Accepting connections is not enough: a starting PostgreSQL refuses logins until recovery is done. */
    private boolean postgresAnswers() {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + port + "/postgres?connectTimeout=3", POSTGRES_USER, POSTGRES_PASSWORD)) {
            return connection.isValid(3);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** A broker that accepts connections may not serve metadata yet (KRaft still electing): ask it. */
    private boolean kafkaAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (kind == Server.POSTGRES) {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(pgCtl("-m", "fast", "-w", "-t", "60", "stop"), 90);
            }
            return;
        }
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (kind == Server.CLICKHOUSE) {
                // As ./oktioneer infra stop does: ClickHouse 18.16 serves its open keep-alive connections until
                // their clients let go; cutting them lets its clean shutdown finish (see the launcher).
                for (int i = 0; i < 30 && !process.waitFor(1, TimeUnit.SECONDS); i++) {
                    if (root()) {
                        run(List.of("ss", "-K", "-tn", "state", "established", "( sport = :" + port
                                + " or sport = :" + secondPort + " )"), 10);
                    }
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory lies under the git-ignored .run/
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
