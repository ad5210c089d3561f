package io.oktioneer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class GatewayErrorHandlerTest {

    /** Stands for Reactor Netty's shaded pool exception (matched by name, whatever its package). */
    static final class PoolAcquireTimeoutException extends TimeoutException {
    }

    @Test
    void aPoolThatHasNoConnectionToSpareIsAtCapacityEvenWhenWrapped() {
        assertThat(GatewayErrorHandler.atCapacity(new PoolAcquireTimeoutException())).isTrue();
        assertThat(GatewayErrorHandler.atCapacity(new IllegalStateException(new PoolAcquireTimeoutException()))).isTrue();
    }

    @Test
    void otherTimeoutsAndIoErrorsAreNot() {
        assertThat(GatewayErrorHandler.atCapacity(new TimeoutException("read"))).isFalse();
        assertThat(GatewayErrorHandler.atCapacity(new IOException("refused"))).isFalse();
    }
}
