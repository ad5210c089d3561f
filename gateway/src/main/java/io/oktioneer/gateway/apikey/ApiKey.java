package io.oktioneer.gateway.apikey;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.ratelimit.Limit;
import java.util.Objects;

/**
 * An authenticated caller: the key's id (never the key itself), its role, the user (USER keys) or exchange
 * (EXCHANGE keys) it acts for, and its own rate limit when it overrides the role's (else null).
 */
public record ApiKey(String id, Role role, String userId, String exchange, Limit rateLimit) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }
}
