package io.oktioneer.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same servers in Testcontainers, for machines with a Docker engine and an image registry. Chosen only when
 * {@code OKTIONEER_TEST_SERVERS=containers}, or when no local server answers and Docker does. Started once per
 * JVM and shared, like the local servers. Stop/start keeps the container (and so its mapped port) only for
 * pause/unpause, which is what the failure tests need.
 */
final class ContainerServers implements ServerEndpoints, ServerControl {

    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine")
            .withUsername("oktioneer").withPassword("oktioneer").withDatabaseName("oktioneer");
    private final GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
    private final ClickHouseContainer clickhouse = new ClickHouseContainer("clickhouse/clickhouse-server:24.8");

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    ContainerServers start() {
        postgres.start();
        redis.start();
        kafka.start();
        clickhouse.start();
        return this;
    }

    @Override
    public String postgresHost() {
        return postgres.getHost();
    }

    @Override
    public int postgresPort() {
        return postgres.getMappedPort(5432);
    }

    @Override
    public String postgresUser() {
        return postgres.getUsername();
    }

    @Override
    public String postgresPassword() {
        return postgres.getPassword();
    }

    @Override
    public String redisHost() {
        return redis.getHost();
    }

    @Override
    public int redisPort() {
        return redis.getMappedPort(6379);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String clickhouseUrl() {
        return "http://" + clickhouse.getHost() + ":" + clickhouse.getMappedPort(8123);
    }

    @Override
    public String clickhouseUser() {
        return clickhouse.getUsername();
    }

    @Override
    public String clickhousePassword() {
        return clickhouse.getPassword();
    }

    @Override
    public ServerControl control() {
        return this;
    }

    @Override
    public void stop(Server server) {
        GenericContainer<?> container = container(server);
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start(Server server) {
        GenericContainer<?> container = container(server);
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }

    private GenericContainer<?> container(Server server) {
        return switch (server) {
            case POSTGRES -> postgres;
            case REDIS -> redis;
            case KAFKA -> kafka;
            case CLICKHOUSE -> clickhouse;
        };
    }
}
