package io.oktioneer.support.problem;

import java.util.List;

/** A request that failed validation, with every bad field at once: answered 400 with an {@code errors} array. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super("invalid request: " + errors, null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
