package io.oktioneer.preference.preference;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.support.problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagsTest {

    private final Errors errors = new Errors();

    @Test
    void trimmedLowerCaseDistinctInFirstOrder() {
        assertThat(Tags.parse(List.of(" Omega", "SEIKO ", "omega", "Seiko", "\tRolex\n"), "brands", errors))
                .containsExactly("omega", "seiko", "rolex");
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void absentOrEmptyMeansAny() {
        assertThat(Tags.parse(null, "brands", errors)).isEmpty();
        assertThat(Tags.parse(List.of(), "brands", errors)).isEmpty();
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void everyBadEntryIsReportedWithItsIndex() {
        List<Object> raw = Arrays.asList("ok", "  ", 7, null, "x".repeat(65), "y".repeat(64));
        Tags.parse(raw, "categories", errors);
        assertThat(errors.list()).extracting(FieldError::field)
                .containsExactly("categories[1]", "categories[2]", "categories[3]", "categories[4]");
    }

    @Test
    void atMostHundredEntries() {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("b" + i);
        }
        assertThat(Tags.parse(hundred, "brands", errors)).hasSize(100);
        hundred.add("b100");
        Tags.parse(hundred, "brands", errors);
        assertThat(errors.list()).containsExactly(new FieldError("brands", "must have at most 100 entries"));
    }
}
