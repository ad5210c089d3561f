package io.oktioneer.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Registers the real servers in a Spring test context ({@code @DynamicPropertySource}) under the property names
 * every service reads, so no test spells a URL by hand.
 */
public final class SpringProperties {

    private SpringProperties() {
    }

    public static void postgres(DynamicPropertyRegistry registry, String database) {
        ServerEndpoints servers = RealServers.get();
        registry.add("spring.datasource.url", () -> servers.postgresJdbcUrl(database));
        registry.add("spring.datasource.username", servers::postgresUser);
        registry.add("spring.datasource.password", servers::postgresPassword);
    }

    public static void redis(DynamicPropertyRegistry registry) {
        ServerEndpoints servers = RealServers.get();
        registry.add("spring.data.redis.host", servers::redisHost);
        registry.add("spring.data.redis.port", servers::redisPort);
    }

    public static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", RealServers.get()::kafkaBootstrapServers);
    }

    public static void clickhouse(DynamicPropertyRegistry registry, String database) {
        ServerEndpoints servers = RealServers.get();
        registry.add("oktioneer.clickhouse.url", servers::clickhouseUrl);
        registry.add("oktioneer.clickhouse.user", servers::clickhouseUser);
        registry.add("oktioneer.clickhouse.password", servers::clickhousePassword);
        registry.add("oktioneer.clickhouse.database", () -> database);
    }
}
