package io.oktioneer.preference.preference;

import io.oktioneer.preference.validation.Errors;

/** A page of a user's preferences: {@code page} 0-based (default 0), {@code size} 1–200 (default 20). */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public long offset() {
        return (long) page * size;
    }

    /** Parses the raw query parameters (null when absent), adding every problem to {@code errors}. */
    public static PageRequest parse(String rawPage, String rawSize, Errors errors) {
        Integer page = rawPage == null ? Integer.valueOf(0) : parseInt(rawPage);
        if (page == null || page < 0) {
            errors.add("page", "must be an integer >= 0");
        }
        Integer size = rawSize == null ? Integer.valueOf(DEFAULT_SIZE) : parseInt(rawSize);
        if (size == null || size < 1 || size > MAX_SIZE) {
            errors.add("size", "must be an integer from 1 to " + MAX_SIZE);
        }
        return page != null && page >= 0 && size != null && size >= 1 && size <= MAX_SIZE
                ? new PageRequest(page, size) : null;
    }

    private static Integer parseInt(String raw) {
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException notAnInt) {
            return null;
        }
    }
}
