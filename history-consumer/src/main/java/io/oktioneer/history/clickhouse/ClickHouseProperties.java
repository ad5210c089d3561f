package io.oktioneer.history.clickhouse;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the analytics store is ({@code oktioneer.clickhouse.*}). Only the HTTP interface is used, which both
 * the Debian ClickHouse 18.16 and current releases speak the same way.
 */
@ConfigurationProperties("oktioneer.clickhouse")
public record ClickHouseProperties(
        @DefaultValue("http://127.0.0.1:18123") URI url,
        @DefaultValue("default") String user,
        @DefaultValue("") String password,
        @DefaultValue("oktioneer") String database,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("60s") Duration insertTimeout,
        @DefaultValue("30s") Duration queryTimeout) {

    public ClickHouseProperties {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new IllegalArgumentException("oktioneer.clickhouse.database must be a plain identifier: " + database);
        }
    }

    public static ClickHouseProperties of(String url, String user, String password, String database) {
        return new ClickHouseProperties(URI.create(url), user, password == null ? "" : password, database,
                Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(30));
    }
}
