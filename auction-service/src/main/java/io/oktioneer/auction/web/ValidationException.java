package io.oktioneer.auction.web;

import java.util.List;

/** A request that failed validation: answered 400 with every bad field. */
public final class ValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("invalid request: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
