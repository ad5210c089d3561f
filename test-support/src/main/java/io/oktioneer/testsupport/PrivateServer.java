package io.oktioneer.testsupport;

/**
 * A server of one test's own, for failure tests: stopping it ("Kafka down", "ClickHouse down", "Redis down")
 * disturbs no other test. {@link #stop()} then {@link #restart()} keeps its port and its data, like a real
 * outage and recovery (KAFKA, CLICKHOUSE, REDIS, POSTGRES). Natively a new process on free loopback ports with
 * its data under {@code .run/private/}; on a Docker host a container (stop = pause). Close it when the test ends.
 *
 * <pre>{@code
 * try (PrivateServer kafka = PrivateServer.start(Server.KAFKA)) {
 *     registry.add("spring.kafka.bootstrap-servers", kafka::address);
 *     kafka.stop(); ... kafka.restart();
 * }
 * }</pre>
 */
public interface PrivateServer extends AutoCloseable {

    String POSTGRES_USER = "oktioneer";
    String POSTGRES_PASSWORD = "oktioneer";

    /**
     * Starts a new private server of that kind and returns once it is ready. A private PostgreSQL (for an outage
     * test; plain isolation is {@link Isolation#newPostgresDatabase}) has the shared one's user and password,
     * {@link #POSTGRES_USER}/{@link #POSTGRES_PASSWORD}, and the database {@code postgres}.
     */
    static PrivateServer start(Server server) {
        return RealServers.containers() ? new ContainerPrivateServer(server) : new NativePrivateServer(server);
    }

    Server kind();

    String host();

    int port();

    /**
     * How clients address it: Kafka bootstrap servers {@code host:port}, ClickHouse {@code http://host:port},
     * Redis and PostgreSQL {@code host:port}.
     */
    String address();

    /** Stops it (an outage); its port and data stay. */
    void stop();

    /** Starts it again after {@link #stop()} and returns once it is ready. */
    void restart();

    /** Stops it for good and deletes its data. */
    @Override
    void close();
}
