package io.oktioneer.gateway.apikey;

import java.time.Instant;

/** A row of {@code api_keys}: the key, its hash, whether it is revoked and when the row last changed. */
public record StoredApiKey(ApiKey key, String hash, Instant createdAt, boolean revoked, Instant updatedAt) {
}
