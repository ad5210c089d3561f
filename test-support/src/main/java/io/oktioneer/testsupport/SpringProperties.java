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

    /** A PostgreSQL of the test's own ({@link PrivateServer}), its {@code postgres} database. */
    public static void postgres(DynamicPropertyRegistry registry, PrivateServer postgres) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + postgres.address() + "/postgres");
        registry.add("spring.datasource.username", () -> "oktioneer");
        registry.add("spring.datasource.password", () -> "oktioneer");
    }

    /**
     * Seconds, not the services' production command timeout of 100 ms: one slow round trip on a loaded test
     * machine would otherwise turn a cache hit or a rate-limit check into a fail-open. A stopped Redis still
     * fails at once (commands are rejected while disconnected).
     */
    public static final String REDIS_TEST_TIMEOUT = "3s";

    public static void redis(DynamicPropertyRegistry registry) {
        ServerEndpoints servers = RealServers.get();
        redis(registry, servers.redisHost(), servers.redisPort());
    }

    /** A Redis of the test's own ({@link PrivateServer}). */
    public static void redis(DynamicPropertyRegistry registry, PrivateServer redis) {
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        redisTimeouts(registry);
    }

    private static void redis(DynamicPropertyRegistry registry, String host, int port) {
        registry.add("spring.data.redis.host", () -> host);
        registry.add("spring.data.redis.port", () -> port);
        redisTimeouts(registry);
    }

    private static void redisTimeouts(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.timeout", () -> REDIS_TEST_TIMEOUT);
        registry.add("spring.data.redis.connect-timeout", () -> REDIS_TEST_TIMEOUT);
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
