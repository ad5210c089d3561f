package io.oktioneer.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Per-test isolation on the shared servers: a fresh PostgreSQL database, a unique suffix for Kafka topics and
 * consumer groups, Redis key prefixes and ClickHouse databases. Names are unique per call, so tests run in any
 * order and re-run on a dirty machine.
 */
public final class Isolation {

    private Isolation() {
    }

    /** A short unique lower-case id, safe in database, topic and key names. */
    public static String uniqueId(String prefix) {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return (prefix + "_" + random).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** Creates a new empty PostgreSQL database and returns its name. */
    public static String newPostgresDatabase(String prefix) {
        ServerEndpoints servers = RealServers.get();
        String name = uniqueId("it_" + prefix);
        try (Connection connection = DriverManager.getConnection(servers.postgresJdbcUrl("postgres"),
                servers.postgresUser(), servers.postgresPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    /** Topic name {@code base} made unique for one test class, e.g. {@code oktioneer.auctions.v1.it_ab12}. */
    public static String topic(String base, String uniqueId) {
        return base + "." + uniqueId;
    }
}
