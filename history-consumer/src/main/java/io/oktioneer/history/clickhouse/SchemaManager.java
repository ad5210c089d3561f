package io.oktioneer.history.clickhouse;

import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the history schema at start: the database, a {@code schema_migrations} table recording
 * applied versions, then every step above the recorded version, in order. Idempotent; a ClickHouse that is down simply makes {@link #ensureReady()} throw
 * and the caller retries later.
 */
public final class SchemaManager {

    private static final Logger log = LoggerFactory.getLogger(SchemaManager.class);

    private final ClickHouseClient clickHouse;
    private final List<SchemaMigration> migrations;
    private volatile boolean ready;
    private volatile int version;

    public SchemaManager(ClickHouseClient clickHouse, List<SchemaMigration> migrations) {
        this.clickHouse = clickHouse;
        this.migrations = migrations.stream().sorted(Comparator.comparingInt(SchemaMigration::version)).toList();
    }

    public boolean isReady() {
        return ready;
    }

    public int version() {
        return version;
    }

    /** Forget that the schema was checked: the next {@link #ensureReady()} runs the migrations again. */
    public void invalidate() {
        ready = false;
    }

    /** Makes sure every migration is applied; cheap once done. Throws {@link ClickHouseException} when down. */
    public void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                migrate();
                ready = true;
            }
        }
    }

    private void migrate() {
        String db = "`" + clickHouse.database() + "`";
        clickHouse.execute("CREATE DATABASE IF NOT EXISTS " + db);
        clickHouse.execute("CREATE TABLE IF NOT EXISTS " + db + ".schema_migrations (version UInt32, "
                + "description String, applied_at DateTime('UTC')) ENGINE = ReplacingMergeTree ORDER BY version");
        int applied = Integer.parseInt(clickHouse.query(
                "SELECT max(version) FROM " + db + ".schema_migrations FORMAT TabSeparated").strip());
        for (SchemaMigration migration : migrations) {
            if (migration.version() <= applied) {
                continue;
            }
            log.info("Applying ClickHouse schema migration {} ({}) to {}", migration.version(),
                    migration.description(), clickHouse.database());
            migration.statements().forEach(statement -> clickHouse.execute(statement.replace("{db}", db)));
            clickHouse.execute("INSERT INTO " + db + ".schema_migrations (version, description, applied_at) VALUES ("
                    + migration.version() + ", '" + migration.description().replace("\\", "\\\\").replace("'", "\\'")
                    + "', now())");
            applied = migration.version();
        }
        version = applied;
    }
}
