package io.oktioneer.engine.web;

/** One invalid request field, as listed in a 400 problem's {@code errors} array. */
public record FieldError(String field, String message) {
}
