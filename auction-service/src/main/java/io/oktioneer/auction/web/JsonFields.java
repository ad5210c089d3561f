package io.oktioneer.auction.web;

import io.oktioneer.auction.money.Money;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of a JSON request body that collects every bad field instead of stopping at the first.
 * Amounts must be JSON numbers (a string {@code "60"} is rejected), absent and {@code null} are the same.
 */
public final class JsonFields {

    public static final Pattern EXCHANGE = Pattern.compile("[a-z0-9._-]{1,64}");
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern AUCTION_ID = Pattern.compile("[\\x20-\\x7E]{1,128}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final JsonNode body;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonFields(JsonNode body, String prefix, List<FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Reads a request body; a body that is not a JSON object is itself an error. */
    public static JsonFields of(JsonNode body) {
        JsonFields fields = new JsonFields(body, "", new ArrayList<>());
        if (body == null || !body.isObject()) {
            fields.errors.add(new FieldError("body", "must be a JSON object"));
        }
        return fields;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private JsonNode node(String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    public boolean present(String field) {
        return node(field) != null;
    }

    /** A nested object, or null (with an error when required or not an object). */
    public JsonFields object(String field, boolean required) {
        JsonNode node = node(field);
        if (node == null) {
            if (required) {
                reject(field, "must not be null");
            }
            return null;
        }
        if (!node.isObject()) {
            reject(field, "must be an object");
            return null;
        }
        return new JsonFields(node, prefix + field + ".", errors);
    }

    public String string(String field, boolean required, int maxLength) {
        JsonNode node = node(field);
        if (node == null) {
            if (required) {
                reject(field, "must not be null");
            }
            return null;
        }
        if (!node.isString()) {
            reject(field, "must be a string");
            return null;
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            reject(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public String matching(String field, boolean required, Pattern pattern, String rule) {
        String value = string(field, required, Integer.MAX_VALUE);
        if (value != null && !pattern.matcher(value).matches()) {
            reject(field, rule);
            return null;
        }
        return value;
    }

    public String exchange(String field) {
        return matching(field, true, EXCHANGE, "must be 1-64 characters of [a-z0-9._-]");
    }

    public String auctionId(String field) {
        return matching(field, true, AUCTION_ID, "must be 1-128 printable ASCII characters");
    }

    public String currency(String field, boolean required) {
        String code = matching(field, required, CURRENCY, "must be an ISO 4217 code (3 upper-case letters)");
        if (code == null) {
            return null;
        }
        try {
            Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            reject(field, "must be an ISO 4217 currency code");
            return null;
        }
    }

    /** An amount of money at scale 2, or null (with an error when required or invalid). */
    public BigDecimal amount(String field, boolean required, boolean zeroAllowed) {
        JsonNode node = node(field);
        if (node == null) {
            if (required) {
                reject(field, "must not be null");
            }
            return null;
        }
        if (!node.isNumber()) {
            reject(field, "must be a JSON number");
            return null;
        }
        BigDecimal value = node.decimalValue();
        String problem = Money.problem(value, zeroAllowed);
        if (problem != null) {
            reject(field, problem);
            return null;
        }
        return Money.of(value);
    }

    /** An integer within [min, max], or null. */
    public Integer integer(String field, boolean required, int min, int max) {
        JsonNode node = node(field);
        if (node == null) {
            if (required) {
                reject(field, "must not be null");
            }
            return null;
        }
        if (!node.isNumber() || !isIntegral(node.decimalValue())) {
            reject(field, "must be an integer");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            reject(field, "must be between " + min + " and " + max);
            return null;
        }
        return value.intValueExact();
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    public Instant instant(String field) {
        String text = string(field, false, 64);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            reject(field, "must be an ISO-8601 timestamp, e.g. 2026-11-24T18:00:00.000Z");
            return null;
        }
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
        String text = string(field, false, 64);
        if (text == null) {
            return present(field) ? null : defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        reject(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return null;
    }
}
