package io.oktioneer.preference.problem;

/** {@code If-Match} names another version than the current one: 412, answered with the current ETag. */
public final class VersionMismatchException extends RuntimeException {

    private final long currentVersion;

    public VersionMismatchException(long currentVersion) {
        super("the preference is at version " + currentVersion, null, false, false);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
