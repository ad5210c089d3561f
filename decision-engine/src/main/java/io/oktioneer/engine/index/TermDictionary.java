package io.oktioneer.engine.index;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Interns categories, brands or currencies as small ints (1, 2, ...; 0 means "any"), so preferences and
 * posting keys hold ints instead of strings. Terms are never removed: their number is bounded by the distinct
 * values ever published, which is small next to the number of preferences.
 */
final class TermDictionary {

    static final int UNKNOWN = -1;

    private final Map<String, Integer> ids = new HashMap<>();
    private final int limit;

    TermDictionary(int limit) {
        this.limit = limit;
    }

    /** Id of an already normalised term, or {@link #UNKNOWN}. */
    int find(String term) {
        Integer id = ids.get(term);
        return id == null ? UNKNOWN : id;
    }

    /** Id of an already normalised term, assigning the next one if new. */
    int intern(String term) {
        Integer id = ids.get(term);
        if (id != null) {
            return id;
        }
        int next = ids.size() + 1;
        if (next > limit) {
            throw new IllegalArgumentException("more than " + limit + " distinct terms");
        }
        ids.put(term, next);
        return next;
    }

    int size() {
        return ids.size();
    }

    /** SPEC §2: trimmed, lower case; null for null or blank. Allocation-free when already normal. */
    static String normalize(String term) {
        if (term == null) {
            return null;
        }
        String trimmed = term.strip();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    static String normalizeCurrency(String currency) {
        return currency == null ? null : currency.strip().toUpperCase(Locale.ROOT);
    }
}
