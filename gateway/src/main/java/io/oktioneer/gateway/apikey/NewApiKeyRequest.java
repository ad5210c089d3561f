package io.oktioneer.gateway.apikey;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.ratelimit.Limit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/v1/admin/api-keys}: {@code {role, userId?, exchange?, rateLimit?: {perSecond, burst}}}.
 * {@link #validate()} reports every bad field at once.
 */
public record NewApiKeyRequest(String role, String userId, String exchange, RateLimitRequest rateLimit) {

    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern EXCHANGE = Pattern.compile("[a-z0-9._-]{1,64}");

    public record RateLimitRequest(BigDecimal perSecond, BigDecimal burst) {
    }

    public record FieldError(String field, String message) {
    }

    /** A valid request, ready to become a key. */
    public record Valid(Role role, String userId, String exchange, Limit rateLimit) {
    }

    /** Thrown with every bad field of a request. */
    public static final class InvalidException extends RuntimeException {

        private final List<FieldError> errors;

        InvalidException(List<FieldError> errors) {
            super("invalid api key request", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    public Valid validate() {
        List<FieldError> errors = new ArrayList<>();
        Role parsedRole = parseRole(errors);
        checkIdentity("userId", userId, USER_ID, "1-64 characters of A-Z a-z 0-9 . _ -",
                parsedRole == Role.USER, parsedRole != null, "USER", errors);
        checkIdentity("exchange", exchange, EXCHANGE, "1-64 characters of a-z 0-9 . _ -",
                parsedRole == Role.EXCHANGE, parsedRole != null, "EXCHANGE", errors);
        Long perSecond = rateLimit == null ? null : count("rateLimit.perSecond", rateLimit.perSecond(), errors);
        Long burst = rateLimit == null ? null : count("rateLimit.burst", rateLimit.burst(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidException(errors);
        }
        Limit limit = rateLimit == null ? null : new Limit(perSecond, burst);
        return new Valid(parsedRole, userId, exchange, limit);
    }

    private Role parseRole(List<FieldError> errors) {
        if (role == null) {
            errors.add(new FieldError("role", "is required (ADMIN, BIDDER, EXCHANGE or USER)"));
            return null;
        }
        for (Role candidate : Role.values()) {
            if (candidate.name().equals(role)) {
                return candidate;
            }
        }
        errors.add(new FieldError("role", "must be one of ADMIN, BIDDER, EXCHANGE, USER"));
        return null;
    }

    private static void checkIdentity(String field, String value, Pattern syntax, String syntaxText,
            boolean required, boolean roleKnown, String roleName, List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required for " + roleName + " keys"));
            }
        } else if (!syntax.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + syntaxText));
        } else if (roleKnown && !required) {
            errors.add(new FieldError(field, "applies to " + roleName + " keys only"));
        }
    }

    private static Long count(String field, BigDecimal value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required when rateLimit is given"));
            return null;
        }
        try {
            long whole = value.longValueExact();
            if (whole >= 1 && whole <= Limit.MAX) {
                return whole;
            }
        } catch (ArithmeticException notWhole) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a whole number from 1 to " + Limit.MAX));
        return null;
    }
}
