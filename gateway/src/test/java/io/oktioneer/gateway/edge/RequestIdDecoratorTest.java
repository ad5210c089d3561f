package io.oktioneer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.InternalHeaders;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

class RequestIdDecoratorTest {

    private final AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();

    private String idSeenDownstream(MockServerHttpRequest request) {
        new RequestIdDecorator().apply((req, res) -> {
            seen.set(req);
            return Mono.empty();
        }).handle(request, new MockServerHttpResponse()).block();
        return seen.get().getHeaders().getFirst(InternalHeaders.REQUEST_ID);
    }

    @Test
    void keepsTheClientsSaneRequestId() {
        assertThat(idSeenDownstream(MockServerHttpRequest.get("/api/v1/users/u1")
                .header(InternalHeaders.REQUEST_ID, "client-42").build())).isEqualTo("client-42");
    }

    @Test
    void givesARequestWithoutOneANewId() {
        assertThat(idSeenDownstream(MockServerHttpRequest.get("/api/v1/users/u1").build())).matches("[0-9a-f]{32}");
    }

    @Test
    void replacesAnInsaneOrRepeatedId() {
        assertThat(idSeenDownstream(MockServerHttpRequest.get("/x")
                .header(InternalHeaders.REQUEST_ID, "evil value with spaces").build())).matches("[0-9a-f]{32}");
        String repeated = idSeenDownstream(MockServerHttpRequest.get("/x")
                .header(InternalHeaders.REQUEST_ID, "a", "b").build());
        assertThat(repeated).matches("[0-9a-f]{32}");
        assertThat(seen.get().getHeaders().get(InternalHeaders.REQUEST_ID)).containsExactly(repeated);
    }
}
