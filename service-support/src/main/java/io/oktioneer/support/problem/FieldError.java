package io.oktioneer.support.problem;

/** One invalid request field: its JSON path (e.g. {@code brands[3]}) and what is wrong with it; listed in a 400. */
public record FieldError(String field, String message) {
}
