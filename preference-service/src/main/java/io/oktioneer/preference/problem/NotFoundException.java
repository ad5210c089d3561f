package io.oktioneer.preference.problem;

import io.oktioneer.support.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The user or preference does not exist: 404. */
public final class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, detail);
    }

    public static NotFoundException user(String userId) {
        return new NotFoundException("User " + userId + " does not exist.");
    }

    public static NotFoundException preference(String userId, Object preferenceId) {
        return new NotFoundException("User " + userId + " has no preference " + preferenceId + ".");
    }
}
