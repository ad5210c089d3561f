package io.oktioneer.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same servers in Testcontainers, for machines with a Docker engine and an image registry. Chosen only when
 * {@code OKTIONEER_TEST_SERVERS=containers}, or when no local server answers and Docker does. Started once per
 * JVM and shared, like the local servers.
 */
final class ContainerServers implements ServerEndpoints {

    static final String POSTGRES_IMAGE = "postgres:15-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:24.8";

    private static ContainerServers shared;

    private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
            .withUsername("oktioneer").withPassword("oktioneer").withDatabaseName("oktioneer");
    private final GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
    private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    private final ClickHouseContainer clickhouse = new ClickHouseContainer(CLICKHOUSE_IMAGE);

    static synchronized ContainerServers shared() {
        if (shared == null) {
            ContainerServers servers = new ContainerServers();
            servers.postgres.start();
            servers.redis.start();
            servers.kafka.start();
            servers.clickhouse.start();
            shared = servers;
        }
        return shared;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
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
}
