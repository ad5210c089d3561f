package io.oktioneer.preference.preference;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.support.problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    private final Errors errors = new Errors();

    @Test
    void defaultsAndBounds() {
        assertThat(PageRequest.parse(null, null, errors)).isEqualTo(new PageRequest(0, 20));
        assertThat(PageRequest.parse("3", "1", errors)).isEqualTo(new PageRequest(3, 1));
        assertThat(PageRequest.parse("0", "200", errors)).isEqualTo(new PageRequest(0, 200));
        assertThat(errors.isEmpty()).isTrue();
        assertThat(new PageRequest(Integer.MAX_VALUE, 200).offset()).isEqualTo(Integer.MAX_VALUE * 200L);
    }

    @Test
    void outsideBoundsListsBothParameters() {
        assertThat(PageRequest.parse("-1", "201", errors)).isNull();
        assertThat(PageRequest.parse("x", "0", errors)).isNull();
        assertThat(errors.list()).extracting(FieldError::field).isEqualTo(List.of("page", "size", "page", "size"));
    }

    @Test
    void pageShapeCountsPages() {
        PreferencePage page = PreferencePage.of(List.of(), new PageRequest(5, 20), 41);
        assertThat(page.page()).isEqualTo(new PreferencePage.Metadata(20, 5, 41, 3));
        assertThat(PreferencePage.of(List.of(), new PageRequest(0, 20), 0).page().totalPages()).isZero();
    }
}
