package io.oktioneer.preference.problem;

/** A full replace without {@code If-Match}: 428 Precondition Required (RFC 6585). */
public final class IfMatchRequiredException extends RuntimeException {

    public IfMatchRequiredException() {
        super("If-Match is required", null, false, false);
    }
}
