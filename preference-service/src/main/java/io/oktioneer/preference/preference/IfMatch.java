package io.oktioneer.preference.preference;

import java.util.List;

/**
 * An {@code If-Match} precondition against a preference version, whose strong entity tag is {@code "<version>"}
 * (RFC 9110 §13.1.1: {@code *} matches any existing version; weak tags never match; a list matches when any
 * member does).
 */
public final class IfMatch {

    private final boolean any;
    private final List<String> tags;

    private IfMatch(boolean any, List<String> tags) {
        this.any = any;
        this.tags = tags;
    }

    /** The precondition of a header value, or null when the header is absent or blank. */
    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<String> tags = List.of(header.split(",")).stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new IfMatch(false, tags);
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public boolean matches(long version) {
        return any || tags.contains(etag(version));
    }
}
