package io.oktioneer.preference.preference;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.preference.validation.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Categories and brands (SPEC §2/§3): compared case-insensitively after trimming, so they are stored trimmed,
 * lower case, without duplicates, in the order first given. At most 100 entries as sent, each 1–64 characters
 * after trimming. Absent, null or empty means "any".
 */
public final class Tags {

    public static final int MAX_ENTRIES = 100;
    public static final int MAX_LENGTH = 64;

    private Tags() {
    }

    public static List<String> parse(List<?> raw, String field, Errors errors) {
        if (raw == null) {
            return List.of();
        }
        int before = errors.count();
        if (raw.size() > MAX_ENTRIES) {
            errors.add(field, "must have at most " + MAX_ENTRIES + " entries");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String entryField = field + "[" + i + "]";
            if (!(raw.get(i) instanceof String text)) {
                errors.add(entryField, "must be a string");
                continue;
            }
            String tag = normalise(text);
            if (tag.isEmpty() || JsonValues.length(tag) > MAX_LENGTH) {
                errors.add(entryField, "must be 1 to " + MAX_LENGTH + " characters after trimming");
                continue;
            }
            normalised.add(tag);
        }
        return errors.count() == before ? List.copyOf(new ArrayList<>(normalised)) : List.of();
    }

    /** Trimmed and lower case: the form in which tags are stored and compared. */
    public static String normalise(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }
}
