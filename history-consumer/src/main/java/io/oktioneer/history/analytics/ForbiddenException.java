package io.oktioneer.history.analytics;

import io.oktioneer.support.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The caller's role may not do this: 403. */
public final class ForbiddenException extends ProblemException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, detail);
    }
}
