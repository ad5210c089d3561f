package io.oktioneer.preference.validation;

import java.util.List;
import java.util.Map;

/**
 * Reads fields from a request body already parsed into plain Java values (String, Boolean, Number, List, Map,
 * null), reporting wrong types instead of coercing them: {@code "maxBid": "250"} is an error, not 250.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** The string at {@code field}, or null when absent or null; a non-string is reported. */
    public static String optionalString(Map<String, ?> body, String field, Errors errors) {
        Object value = body.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(field, "must be a string");
        return null;
    }

    /** The boolean at {@code field}, or {@code fallback} when absent or null; a non-boolean is reported. */
    public static boolean optionalBoolean(Map<String, ?> body, String field, boolean fallback, Errors errors) {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        errors.add(field, "must be true or false");
        return fallback;
    }

    /** The array at {@code field}, or null when absent or null; a non-array is reported. */
    public static List<?> optionalList(Map<String, ?> body, String field, Errors errors) {
        Object value = body.get(field);
        if (value == null || value instanceof List<?>) {
            return (List<?>) value;
        }
        errors.add(field, "must be an array of strings");
        return null;
    }

    /** Length in characters (code points), so that an emoji counts as one. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
