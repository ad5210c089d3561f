package io.oktioneer.auction.web;

/** One rejected request field, listed in a 400 problem's {@code errors} array. */
public record FieldError(String field, String message) {
}
