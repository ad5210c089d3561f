package io.oktioneer.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerObservationConfigTest {

    @Test
    void aDecisionIsObservedOnlyWhenItsTraceparentSaysSampled() {
        assertThat(ServerObservationConfig.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isTrue();
        assertThat(ServerObservationConfig.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")).isTrue();
        assertThat(ServerObservationConfig.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")).isFalse();
        assertThat(ServerObservationConfig.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x")).isFalse();
        assertThat(ServerObservationConfig.sampled("garbage")).isFalse();
        assertThat(ServerObservationConfig.sampled(null)).isFalse();
    }
}
