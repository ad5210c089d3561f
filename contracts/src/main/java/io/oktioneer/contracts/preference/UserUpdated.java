package io.oktioneer.contracts.preference;

import java.time.Instant;

/** A user was created or changed (key {@code user:<userId>}); {@code deleted} true when the user was removed. */
public record UserUpdated(String userId, String displayName, String status, boolean deleted, Instant updatedAt) {
}
