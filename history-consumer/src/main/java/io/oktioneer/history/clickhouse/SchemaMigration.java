package io.oktioneer.history.clickhouse;

import java.util.List;

/**
 * One step of the ClickHouse schema. Each statement must be idempotent on its own ({@code IF NOT EXISTS}), so a
 * step interrupted half-way, or run by two instances at once, is simply run again. {@code {db}} stands for the
 * quoted database name.
 */
public record SchemaMigration(int version, String description, List<String> statements) {
}
