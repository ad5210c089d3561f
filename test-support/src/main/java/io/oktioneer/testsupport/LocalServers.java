package io.oktioneer.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers {@code ./oktioneer infra up} runs natively on project-private loopback ports. Ports come from the
 * same {@code OKTIONEER_*_PORT} variables the launcher uses, with the launcher's defaults.
 */
final class LocalServers implements ServerEndpoints {

    static final String HOST = "127.0.0.1";

    static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** The servers that do not answer on their port, empty when all do. */
    List<String> unreachable() {
        List<String> missing = new ArrayList<>();
        check(missing, "PostgreSQL", postgresPort());
        check(missing, "Redis", redisPort());
        check(missing, "Kafka", port("OKTIONEER_KAFKA_PORT", 19092));
        check(missing, "ClickHouse", port("OKTIONEER_CLICKHOUSE_HTTP_PORT", 18123));
        return missing;
    }

    private static void check(List<String> missing, String name, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
        } catch (IOException e) {
            missing.add(name + " on " + HOST + ":" + port);
        }
    }

    @Override
    public String postgresHost() {
        return HOST;
    }

    @Override
    public int postgresPort() {
        return port("OKTIONEER_POSTGRES_PORT", 15432);
    }

    @Override
    public String postgresUser() {
        return "oktioneer";
    }

    @Override
    public String postgresPassword() {
        return "oktioneer";
    }

    @Override
    public String redisHost() {
        return HOST;
    }

    @Override
    public int redisPort() {
        return port("OKTIONEER_REDIS_PORT", 16379);
    }

    @Override
    public String kafkaBootstrapServers() {
        return HOST + ":" + port("OKTIONEER_KAFKA_PORT", 19092);
    }

    @Override
    public String clickhouseUrl() {
        return "http://" + HOST + ":" + port("OKTIONEER_CLICKHOUSE_HTTP_PORT", 18123);
    }

    @Override
    public String clickhouseUser() {
        return "default";
    }

    @Override
    public String clickhousePassword() {
        return "";
    }
}
