package io.oktioneer.preference.user;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.preference.validation.JsonValues;
import java.util.Map;

/** A valid body of {@code PUT /api/v1/users/{userId}}. */
public record UserDraft(String displayName, UserStatus status) {

    static final int MAX_DISPLAY_NAME = 200;

    /**
     * Validates a parsed JSON body, adding every problem to {@code errors}; returns null when anything is wrong.
     * {@code status} defaults to ACTIVE; unknown fields are ignored.
     */
    public static UserDraft from(Map<String, ?> body, Errors errors) {
        int before = errors.count();
        Object rawName = body.get("displayName");
        String displayName = null;
        if (rawName == null) {
            errors.add("displayName", "is required");
        } else if (!(rawName instanceof String name) || name.isBlank()
                || JsonValues.length(name) > MAX_DISPLAY_NAME) {
            errors.add("displayName", "must be a string of 1 to 200 characters, not blank");
        } else {
            displayName = name;
        }
        UserStatus status = UserStatus.ACTIVE;
        Object rawStatus = body.get("status");
        if (rawStatus != null) {
            status = parseStatus(rawStatus);
            if (status == null) {
                errors.add("status", "must be ACTIVE or SUSPENDED");
            }
        }
        return errors.count() == before ? new UserDraft(displayName, status) : null;
    }

    private static UserStatus parseStatus(Object raw) {
        if (raw instanceof String text) {
            for (UserStatus status : UserStatus.values()) {
                if (status.name().equals(text)) {
                    return status;
                }
            }
        }
        return null;
    }
}
