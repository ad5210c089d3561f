package io.oktioneer.testsupport;

import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;

/** A private server as a container, on a Docker host; stop/restart pause and unpause it, so its port stays. */
final class ContainerPrivateServer implements PrivateServer {

    private final Server kind;
    private final GenericContainer<?> container;

    ContainerPrivateServer(Server kind) {
        this.kind = kind;
        this.container = switch (kind) {
            case REDIS -> new GenericContainer<>(ContainerServers.REDIS_IMAGE).withExposedPorts(6379);
            case KAFKA -> new KafkaContainer(ContainerServers.KAFKA_IMAGE);
            case CLICKHOUSE -> new ClickHouseContainer(ContainerServers.CLICKHOUSE_IMAGE);
            case POSTGRES -> new org.testcontainers.postgresql.PostgreSQLContainer(ContainerServers.POSTGRES_IMAGE)
                    .withUsername(NativePrivateServer.POSTGRES_USER).withPassword(NativePrivateServer.POSTGRES_PASSWORD)
                    .withDatabaseName("postgres");
        };
        container.start();
    }

    @Override
    public Server kind() {
        return kind;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(switch (kind) {
            case REDIS -> 6379;
            case KAFKA -> 9092;
            case CLICKHOUSE -> 8123;
            case POSTGRES -> 5432;
        });
    }

    @Override
    public String address() {
        return switch (kind) {
            case KAFKA -> ((KafkaContainer) container).getBootstrapServers();
            case CLICKHOUSE -> "http://" + host() + ":" + port();
            default -> host() + ":" + port();
        };
    }

    @Override
    public void stop() {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void restart() {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void close() {
        container.stop();
    }
}
