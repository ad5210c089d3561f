package io.oktioneer.history.analytics;

/** The caller's role may not do this: 403. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message, null, false, false);
    }
}
