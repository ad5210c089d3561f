package io.oktioneer.history.clickhouse;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the analytics store is ({@code oktioneer.clickhouse.*}). Only the HTTP interface is used, which both
 * the Debian ClickHouse 18.16 and current releases speak the same way.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param database created if missing; a plain identifier
 */
@ConfigurationProperties("oktioneer.clickhouse")
public record ClickHouseProperties(
        URI url,
        String user,
        String password,
        String database,
        Duration connectTimeout,
        Duration insertTimeout,
        Duration queryTimeout) {

    public ClickHouseProperties {
        Objects.requireNonNull(url, "oktioneer.clickhouse.url");
        Objects.requireNonNull(user, "oktioneer.clickhouse.user");
        password = password == null ? "" : password;
        Objects.requireNonNull(database, "oktioneer.clickhouse.database");
        Objects.requireNonNull(connectTimeout, "oktioneer.clickhouse.connect-timeout");
        Objects.requireNonNull(insertTimeout, "oktioneer.clickhouse.insert-timeout");
        Objects.requireNonNull(queryTimeout, "oktioneer.clickhouse.query-timeout");
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("oktioneer.clickhouse.database must be a plain identifier: " + database);
        }
    }
}
