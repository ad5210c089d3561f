package io.oktioneer.preference.validation;

import java.util.List;

/** A request failed validation; {@link #errors()} lists every bad field. Answered as 400. */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super("invalid request: " + errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
