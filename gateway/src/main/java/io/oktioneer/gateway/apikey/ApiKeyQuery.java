package io.oktioneer.gateway.apikey;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.apikey.NewApiKeyRequest.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters and page of {@code GET /api/v1/admin/api-keys}: {@code role}, {@code userId}, {@code exchange},
 * {@code revoked} (each optional, combined with AND), {@code page} (0-based, default 0) and {@code size}
 * (1–200, default 20), as SPEC §3 pages. {@link #parse} reports every bad parameter at once.
 */
record ApiKeyQuery(Role role, String userId, String exchange, Boolean revoked, int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 200;

    static ApiKeyQuery parse(String role, String userId, String exchange, String revoked, String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        Role parsedRole = null;
        if (role != null) {
            for (Role candidate : Role.values()) {
                if (candidate.name().equals(role)) {
                    parsedRole = candidate;
                }
            }
            if (parsedRole == null) {
                errors.add(new FieldError("role", "must be one of ADMIN, BIDDER, EXCHANGE, USER"));
            }
        }
        if (userId != null && !NewApiKeyRequest.USER_ID.matcher(userId).matches()) {
            errors.add(new FieldError("userId", "must be 1-64 characters of A-Z a-z 0-9 . _ -"));
        }
        if (exchange != null && !NewApiKeyRequest.EXCHANGE.matcher(exchange).matches()) {
            errors.add(new FieldError("exchange", "must be 1-64 characters of a-z 0-9 . _ -"));
        }
        Boolean parsedRevoked = null;
        if (revoked != null) {
            if (revoked.equals("true") || revoked.equals("false")) {
                parsedRevoked = Boolean.valueOf(revoked);
            } else {
                errors.add(new FieldError("revoked", "must be true or false"));
            }
        }
        int parsedPage = number("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int parsedSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new NewApiKeyRequest.InvalidException(errors);
        }
        return new ApiKeyQuery(parsedRole, userId, exchange, parsedRevoked, parsedPage, parsedSize);
    }

    long offset() {
        return (long) page * size;
    }

    private static int number(String field, String value, int absent, int min, int max, List<FieldError> errors) {
        if (value == null) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.add(new FieldError(field, max == Integer.MAX_VALUE ? "must be a whole number >= " + min
                : "must be a whole number from " + min + " to " + max));
        return absent;
    }
}
