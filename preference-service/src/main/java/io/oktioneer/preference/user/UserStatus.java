package io.oktioneer.preference.user;

/** A SUSPENDED user's preferences never match an auction. */
public enum UserStatus {
    ACTIVE, SUSPENDED
}
