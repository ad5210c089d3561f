package io.oktioneer.testsupport;

/**
 * A server of one test's own, for failure tests: stopping it ("Kafka down", "ClickHouse down", "Redis down")
 * disturbs no other test. {@link #stop()} then {@link #restart()} keeps its port and its data, like a real
 * outage and recovery. Natively a new process on free loopback ports with its data under
 * {@code .run/private/}; on a Docker host a container (stop = pause). Close it when the test ends.
 *
 * <pre>{@code
 * try (PrivateServer kafka = PrivateServer.start(Server.KAFKA)) {
 *     registry.add("spring.kafka.bootstrap-servers", kafka::address);
 *     kafka.stop(); ... kafka.restart();
 * }
 * }</pre>
 */
public interface PrivateServer extends AutoCloseable {

    /**
     * Starts a new private server of that kind and returns once it is ready. A private PostgreSQL (user and
     * password {@code oktioneer}) is for tests that stop the database; the others use
     * {@link Isolation#newPostgresDatabase}.
     */
    static PrivateServer start(Server server) {
        return RealServers.containers() ? new ContainerPrivateServer(server) : new NativePrivateServer(server);
    }

    Server kind();

    String host();

    int port();

    /**
     * How clients address it: Kafka bootstrap servers {@code host:port}, ClickHouse {@code http://host:port},
     * Redis {@code host:port}, PostgreSQL the JDBC URL of its {@code postgres} database.
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
