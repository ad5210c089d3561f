package io.oktioneer.systemtest;

import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.ServerEndpoints;
import java.util.EnumMap;
import java.util.Map;

/** PostgreSQL, Redis, Kafka and ClickHouse of one test's own, as the endpoints a {@link Platform} runs on. */
final class PrivateServers implements ServerEndpoints, AutoCloseable {

    private final Map<Server, PrivateServer> servers = new EnumMap<>(Server.class);

    PrivateServers() {
        try {
            for (Server kind : Server.values()) {
                servers.put(kind, PrivateServer.start(kind));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    PrivateServer get(Server kind) {
        return servers.get(kind);
    }

    @Override
    public String postgresHost() {
        return get(Server.POSTGRES).host();
    }

    @Override
    public int postgresPort() {
        return get(Server.POSTGRES).port();
    }

    @Override
    public String postgresUser() {
        return PrivateServer.POSTGRES_USER;
    }

    @Override
    public String postgresPassword() {
        return PrivateServer.POSTGRES_PASSWORD;
    }

    @Override
    public String redisHost() {
        return get(Server.REDIS).host();
    }

    @Override
    public int redisPort() {
        return get(Server.REDIS).port();
    }

    @Override
    public String kafkaBootstrapServers() {
        return get(Server.KAFKA).address();
    }

    @Override
    public String clickhouseUrl() {
        return get(Server.CLICKHOUSE).address();
    }

    @Override
    public String clickhouseUser() {
        return "default";
    }

    @Override
    public String clickhousePassword() {
        return "";
    }

    @Override
    public void close() {
        servers.values().forEach(PrivateServer::close);
    }
}
