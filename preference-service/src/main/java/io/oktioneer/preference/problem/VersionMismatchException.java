package io.oktioneer.preference.problem;

import io.oktioneer.preference.preference.IfMatch;
import io.oktioneer.support.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** {@code If-Match} names another version than the current one: 412, answered with the current ETag. */
public final class VersionMismatchException extends ProblemException {

    private final long currentVersion;

    public VersionMismatchException(long currentVersion) {
        super(HttpStatus.PRECONDITION_FAILED,
                "If-Match does not match the current version " + currentVersion + "; read it again.");
        this.currentVersion = currentVersion;
        property("currentVersion", currentVersion);
        header(HttpHeaders.ETAG, IfMatch.etag(currentVersion));
    }

    public long currentVersion() {
        return currentVersion;
    }
}
