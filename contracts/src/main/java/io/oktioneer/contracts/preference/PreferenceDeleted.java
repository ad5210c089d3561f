package io.oktioneer.contracts.preference;

import java.util.UUID;

/** A preference was deleted. A tombstone (null value) for the same key follows it on the compacted topic. */
public record PreferenceDeleted(UUID preferenceId, String userId) {
}
