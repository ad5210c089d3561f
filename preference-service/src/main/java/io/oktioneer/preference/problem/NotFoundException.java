package io.oktioneer.preference.problem;

/** The user or preference does not exist: 404. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail, null, false, false);
    }

    public static NotFoundException user(String userId) {
        return new NotFoundException("User " + userId + " does not exist.");
    }

    public static NotFoundException preference(String userId, Object preferenceId) {
        return new NotFoundException("User " + userId + " has no preference " + preferenceId + ".");
    }
}
