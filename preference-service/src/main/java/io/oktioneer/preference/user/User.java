package io.oktioneer.preference.user;

import java.time.Instant;

/** A stored user, and its JSON answer. */
public record User(String userId, String displayName, UserStatus status, Instant createdAt, Instant updatedAt) {

    public boolean sameAs(UserDraft draft) {
        return displayName.equals(draft.displayName()) && status == draft.status();
    }
}
