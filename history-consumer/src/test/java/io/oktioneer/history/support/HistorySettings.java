package io.oktioneer.history.support;

import io.oktioneer.history.clickhouse.ClickHouseProperties;
import io.oktioneer.history.ingest.IngestProperties;
import io.oktioneer.history.ingest.IngestSettings;
import io.oktioneer.testsupport.ApplicationYaml;
import java.util.Map;

/** The service's settings from its application.yml, for tests that build the parts themselves. */
public final class HistorySettings {

    private HistorySettings() {
    }

    /** The batching, retry and concurrency of {@code oktioneer.history.*}. */
    public static IngestSettings ingest() {
        return ApplicationYaml.load().bind(IngestProperties.class).settings();
    }

    /** {@code oktioneer.clickhouse.*} pointed at this server and database (the timeouts of application.yml). */
    public static ClickHouseProperties clickHouse(String url, String user, String password, String database) {
        return ApplicationYaml.load().bind(ClickHouseProperties.class, Map.of("oktioneer.clickhouse.url", url,
                "oktioneer.clickhouse.user", user, "oktioneer.clickhouse.password", password == null ? "" : password,
                "oktioneer.clickhouse.database", database));
    }
}
