package io.oktioneer.history.events;

import io.oktioneer.history.clickhouse.SchemaMigration;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The history tables, their migrations in order, and the JSON reader their decoders share. */
public final class HistorySchema {

    public static final List<SchemaMigration> MIGRATIONS = List.of(
            new SchemaMigration(1, "auction_events and preference_events",
                    List.of(AuctionEventsTable.CREATE, PreferenceEventsTable.CREATE)));

    private HistorySchema() {
    }

    /** Lenient about unknown fields (newer producers) and strict about nothing else. */
    public static JsonMapper eventMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
