package io.oktioneer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsASaneClientIdAndReplacesAnythingElse() {
        assertThat(RequestIds.accept("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        assertThat(RequestIds.accept(null)).matches("[0-9a-f]{32}");
        assertThat(RequestIds.accept("")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.accept("evil\r\nheader")).matches("[0-9a-f]{32}");
        assertThat(RequestIds.accept("x".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate());
    }
}
