package io.oktioneer.preference.problem;

import io.oktioneer.support.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** A full replace without {@code If-Match}: 428 Precondition Required (RFC 6585). */
public final class IfMatchRequiredException extends ProblemException {

    public IfMatchRequiredException() {
        super(HttpStatus.PRECONDITION_REQUIRED, "A full replace needs If-Match with the ETag of the version it replaces.");
    }
}
