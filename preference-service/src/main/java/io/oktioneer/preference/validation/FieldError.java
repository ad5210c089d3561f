package io.oktioneer.preference.validation;

/** One bad field of a request: its JSON path (e.g. {@code categories[3]}) and what is wrong with it. */
public record FieldError(String field, String message) {
}
