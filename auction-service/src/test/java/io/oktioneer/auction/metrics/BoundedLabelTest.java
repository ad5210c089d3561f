package io.oktioneer.auction.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedLabelTest {

    @Test
    void keepsTheFirstValuesAndCountsLaterOnesAsOther() {
        BoundedLabel label = new BoundedLabel(2);
        assertThat(label.of("watches")).isEqualTo("watches");
        assertThat(label.of("shoes")).isEqualTo("shoes");
        assertThat(label.of("sofas")).isEqualTo(BoundedLabel.OTHER);
        assertThat(label.of("watches")).isEqualTo("watches");
        assertThat(label.of("sofas")).isEqualTo(BoundedLabel.OTHER);
    }

    @Test
    void aMissingValueIsNone() {
        BoundedLabel label = new BoundedLabel(1);
        assertThat(label.of(null)).isEqualTo(BoundedLabel.NONE);
        assertThat(label.of("")).isEqualTo(BoundedLabel.NONE);
        assertThat(label.of("a")).isEqualTo("a");
    }

    @Test
    void neverAdmitsMoreThanMaxUnderConcurrency() {
        BoundedLabel label = new BoundedLabel(50);
        Set<String> seen = java.util.Collections.synchronizedSet(new HashSet<>());
        IntStream.range(0, 10_000).parallel().forEach(i -> seen.add(label.of("brand-" + i)));
        assertThat(seen).contains(BoundedLabel.OTHER).hasSize(51);
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new BoundedLabel(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
