package io.oktioneer.preference.user;

import io.oktioneer.preference.validation.Errors;
import java.util.regex.Pattern;

/** SPEC §2: a userId is 1–64 of {@code [A-Za-z0-9._-]}. */
public final class UserIds {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private UserIds() {
    }

    public static boolean isValid(String userId) {
        return userId != null && USER_ID.matcher(userId).matches();
    }

    public static void check(String userId, Errors errors) {
        if (!isValid(userId)) {
            errors.add("userId", "must be 1 to 64 of the characters A-Z a-z 0-9 . _ -");
        }
    }
}
