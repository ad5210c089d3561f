package io.oktioneer.history.analytics;

/** One invalid request field, as listed in a 400 answer's {@code errors}. */
public record FieldError(String field, String message) {
}
