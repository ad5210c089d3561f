package io.oktioneer.preference.preference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void strongTagOfTheCurrentVersionMatches() {
        assertThat(IfMatch.parse("\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.parse("\"2\"").matches(3)).isFalse();
        assertThat(IfMatch.parse("\"1\", \"3\"").matches(3)).isTrue();
        assertThat(IfMatch.parse("*").matches(42)).isTrue();
    }

    @Test
    void weakOrMalformedTagsNeverMatch() {
        assertThat(IfMatch.parse("W/\"3\"").matches(3)).isFalse();
        assertThat(IfMatch.parse("3").matches(3)).isFalse();
        assertThat(IfMatch.parse("\"abc\"").matches(3)).isFalse();
    }

    @Test
    void absentOrBlankIsNoPrecondition() {
        assertThat(IfMatch.parse(null)).isNull();
        assertThat(IfMatch.parse("  ")).isNull();
        assertThat(IfMatch.etag(7)).isEqualTo("\"7\"");
    }
}
