package io.oktioneer.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.oktioneer.gateway.GatewayProperties;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ConnectFailoverTest {

    private static final URI LB = URI.create("lb://auction-service/api/v1/auctions/evaluate");
    private static final URI A = URI.create("http://127.0.0.1:18082");
    private static final URI B = URI.create("http://127.0.0.1:18092");

    /** What the rest of the chain saw on each attempt: the URL it started with, then the one it "chose". */
    private final List<URI> started = new ArrayList<>();

    @Test
    void aRefusedConnectionIsTriedOnTheOtherInstanceAndThatOneIsEjected() {
        ServiceInstances services = services(List.of(A, B));
        ServerWebExchange exchange = exchange();
        GatewayFilterChain chain = chain(attempt -> attempt == 0
                ? Mono.error(new ConnectException("Connection refused"))
                : Mono.empty(), List.of(B, A));

        new ConnectFailover(services).filter(exchange, chain).block();

        assertThat(started).containsExactly(LB, LB);
        assertThat(services.pool("auction-service").instances().get(1).ready()).isFalse();
        assertThat(services.pool("auction-service").instances().get(0).ready()).isTrue();
    }

    @Test
    void aConnectionClosedWhileTheBodyWasBeingWrittenSendsTheWholeBodyToTheOtherInstance() {
        ServiceInstances services = services(List.of(A, B));
        String body = "{\"auctionId\":\"a-1\",\"tmaxMs\":100}";
        Throwable closedWhileWriting = closed("Connection has been closed BEFORE response, while sending request body");
        ServerWebExchange exchange = exchangeWithBodyReadableOnce(body);
        List<String> bodiesSent = new ArrayList<>();
        GatewayFilterChain chain = attempted -> Mono.defer(() -> {
            int attempt = started.size();
            started.add(attempted.getAttribute(GATEWAY_REQUEST_URL_ATTR));
            attempted.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, List.of(B, A).get(attempt).resolve(LB.getPath()));
            // as the routing filter: the body is read and written to the connection, which then turns out closed
            return DataBufferUtils.join(attempted.getRequest().getBody())
                    .map(buffer -> buffer.toString(StandardCharsets.UTF_8)).defaultIfEmpty("")
                    .flatMap(sent -> {
                        bodiesSent.add(sent);
                        return attempt == 0 ? Mono.error(closedWhileWriting) : Mono.empty();
                    });
        });

        new ConnectFailover(services).filter(exchange, chain).block();

        assertThat(bodiesSent).containsExactly(body, body);
        assertThat(services.pool("auction-service").instances().get(1).ready()).isFalse();
    }

    @Test
    void aLostConnectionAfterTheCallWasSentIsNeverTriedAgain() {
        ServiceInstances services = services(List.of(A, B));
        IOException lost = new IOException("Connection prematurely closed BEFORE response");
        GatewayFilterChain chain = chain(attempt -> Mono.error(lost), List.of(A, B));

        Mono<Void> result = new ConnectFailover(services).filter(exchange(), chain);

        assertThat(result.onErrorResume(error -> error == lost ? Mono.empty() : Mono.error(error)).block()).isNull();
        assertThat(started).hasSize(1);
        assertThat(services.pool("auction-service").instances()).allMatch(InstancePool.Instance::ready);
    }

    @Test
    void eachInstanceIsTriedAtMostOnce() {
        ServiceInstances services = services(List.of(A, B));
        ConnectException refused = new ConnectException("Connection refused");
        GatewayFilterChain chain = chain(attempt -> Mono.error(refused), List.of(A, B));

        Throwable error = new ConnectFailover(services).filter(exchange(), chain)
                .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block();

        assertThat(error).isSameAs(refused);
        assertThat(started).hasSize(2);
    }

    @Test
    void aServiceWithOneInstanceIsLeftAlone() {
        ServiceInstances services = services(List.of(A));
        ConnectException refused = new ConnectException("Connection refused");
        GatewayFilterChain chain = chain(attempt -> Mono.error(refused), List.of(A));

        Throwable error = new ConnectFailover(services).filter(exchange(), chain)
                .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block();

        assertThat(error).isSameAs(refused);
        assertThat(started).hasSize(1);
    }

    @Test
    void onlyAConnectionThatWasNeverMadeCountsAsNotConnected() {
        assertThat(ConnectFailover.notConnected(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(ConnectFailover.notConnected(new IOException("Connection reset by peer"))).isFalse();
        assertThat(ConnectFailover.notConnected(new IllegalStateException("x"))).isFalse();
        // a kept-alive connection to an instance killed a moment ago: the request was never written whole
        assertThat(ConnectFailover.notConnected(closed("Connection has been closed BEFORE response, while sending"
                + " request body"))).isTrue();
        // the request was written whole: it may have been processed, never sent again
        assertThat(ConnectFailover.notConnected(closed("Connection prematurely closed BEFORE response"))).isFalse();
    }

    private static Throwable closed(String message) {
        try {
            var constructor = reactor.netty.http.client.PrematureCloseException.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceInstances services(List<URI> auction) {
        return new ServiceInstances(new GatewayProperties(
                new GatewayProperties.Services(List.of(A), auction, List.of(A)), null, null));
    }

    private static ServerWebExchange exchange() {
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(LB.getPath()));
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, LB);
        return exchange;
    }

    /**
     * A POST whose body can be read once, as reactor-netty's inbound body: a second reader gets an empty body once
     * the first one read it.
     */
    private static ServerWebExchange exchangeWithBodyReadableOnce(String body) {
        AtomicBoolean read = new AtomicBoolean();
        Flux<DataBuffer> once = Flux.defer(() -> read.compareAndSet(false, true)
                ? Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8)))
                : Flux.empty());
        MockServerHttpRequest request = MockServerHttpRequest.post(LB.getPath())
                .contentLength(body.getBytes(StandardCharsets.UTF_8).length).body(once);
        ServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, LB);
        return exchange;
    }

    /** Stands for the balancer and the routing filter: records the URL, "chooses" an instance, then answers. */
    private GatewayFilterChain chain(Function<Integer, Mono<Void>> answer, List<URI> choices) {
        return exchange -> Mono.defer(() -> {
            int attempt = started.size();
            started.add(exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR));
            assertThat(exchange.getAttributes()).doesNotContainKey(GATEWAY_ALREADY_ROUTED_ATTR);
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, choices.get(attempt).resolve(LB.getPath()));
            exchange.getAttributes().put(GATEWAY_ALREADY_ROUTED_ATTR, true);
            return answer.apply(attempt);
        });
    }
}
