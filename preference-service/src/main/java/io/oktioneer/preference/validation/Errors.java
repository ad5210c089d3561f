package io.oktioneer.preference.validation;

import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one request so that all of them are reported at once. */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public void addAll(List<FieldError> more) {
        errors.addAll(more);
    }

    public int count() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Throws {@link InvalidRequestException} when anything was collected. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
