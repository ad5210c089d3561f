package io.oktioneer.auction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.contracts.engine.EngineRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which engine instance a call goes to ({@code oktioneer.engine.urls}), against stub instances
 * ({@link StubEngine}): round robin, a refusing instance skipped, a call that got no answer taken on to the next
 * instance, never after a time-out, and nothing called once every breaker is open.
 */
class EngineClientsTest {

    private static final String NO_MATCH = StubEngine.ok("{\"outcome\":\"NO_MATCH\",\"eligible\":0,\"candidates\":[]}");

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final List<StubEngine> stubs = new ArrayList<>();
    private EngineClient client;

    static EngineProperties properties(URI... urls) {
        // open-for 60 s: an instance opened during a test stays skipped unless the test moves it on itself
        return new EngineProperties(List.of(urls), 5, Duration.ofMillis(3), Duration.ofSeconds(2),
                Duration.ofSeconds(20), 8, new EngineProperties.Circuit(50, 50, 20, Duration.ofSeconds(60), 5));
    }

    private StubEngine stub(String answer) throws IOException {
        StubEngine stub = StubEngine.start(n -> answer);
        stubs.add(stub);
        return stub;
    }

    private EngineClient client(URI... urls) {
        client = EngineConfiguration.client(properties(urls), "token", ObservationRegistry.NOOP, new AuctionMetrics(meters));
        return client;
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        for (StubEngine stub : stubs) {
            stub.close();
        }
    }

    private EngineCall call() {
        return client.decide(new EngineRequest("ex", "A-1", "watches", null, new BigDecimal("10"), "EUR", "ENGLISH",
                new BigDecimal("0.01"), 5), Duration.ofSeconds(5));
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    private double failovers() {
        return count("oktioneer.engine.failovers");
    }

    @Test
    void callsGoRoundRobin() throws Exception {
        StubEngine a = stub(NO_MATCH);
        StubEngine b = stub(NO_MATCH);
        client(a.url(), b.url());
        for (int i = 0; i < 10; i++) {
            assertThat(call()).isInstanceOf(EngineCall.Answered.class);
        }
        assertThat(a.requests.get()).isEqualTo(5);
        assertThat(b.requests.get()).isEqualTo(5);
        assertThat(failovers()).isZero();
    }

    @Test
    void aRefusingInstanceIsSkippedAndItsCallGoesOnToTheNextWithinTheDeadline() throws Exception {
        StubEngine alive = stub(NO_MATCH);
        client(StubEngine.refusing(), alive.url());

        assertThat(call()).isInstanceOf(EngineCall.Answered.class); // the first turn is the refusing one
        assertThat(failovers()).isEqualTo(1);
        CircuitBreaker refusing = client.breakers().get(0);
        assertThat(refusing.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(client.openInstances()).isEqualTo(1);

        for (int i = 0; i < 10; i++) {
            assertThat(call()).isInstanceOf(EngineCall.Answered.class);
        }
        assertThat(failovers()).isEqualTo(1); // skipped, not tried again
        assertThat(alive.requests.get()).isEqualTo(11);
        assertThat(count("oktioneer.engine.calls", "outcome", "ok")).isEqualTo(11);
        assertThat(count("oktioneer.engine.calls", "outcome", "error")).isZero();

        // after open-for its trial calls are let through: still refused, so it is skipped again, and no call lost
        refusing.transitionToHalfOpenState();
        for (int i = 0; i < 2; i++) {
            assertThat(call()).isInstanceOf(EngineCall.Answered.class);
        }
        assertThat(failovers()).isEqualTo(2);
        assertThat(refusing.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void concurrentCallsNeverFindNoInstanceWhileOneIsAdmitted() throws Exception {
        StubEngine alive = stub(NO_MATCH);
        client(StubEngine.refusing(), alive.url());
        assertThat(call()).isInstanceOf(EngineCall.Answered.class); // the refusing one is skipped from now on
        List<EngineCall> calls = new CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    calls.add(call());
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        // each call's turns can all land on the skipped instance when others take turns in between
        assertThat(calls).hasSize(1600).allMatch(call -> call instanceof EngineCall.Answered);
        assertThat(count("oktioneer.engine.calls", "outcome", "circuit_open")).isZero();
    }

    @Test
    void aConnectionThatBreaksBeforeTheAnswerGoesOnToTheNextWithoutSkippingTheInstance() throws Exception {
        StubEngine dropping = stub(null);
        StubEngine alive = stub(NO_MATCH);
        client(dropping.url(), alive.url());

        assertThat(call()).isInstanceOf(EngineCall.Answered.class);
        assertThat(dropping.requests.get()).isEqualTo(1);
        assertThat(alive.requests.get()).isEqualTo(1);
        assertThat(failovers()).isEqualTo(1);
        // it was reached: only its failure rate counts against it
        assertThat(client.breakers().get(0).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(client.breakers().get(0).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aTimeOutIsNotRetried() throws Exception {
        StubEngine slow = stub("SLEEP 30000");
        StubEngine alive = stub(NO_MATCH);
        client(slow.url(), alive.url());

        EngineCall call = client.decide(new EngineRequest("ex", "A-1", "watches", null, BigDecimal.TEN, "EUR",
                "ENGLISH", new BigDecimal("0.01"), 5), Duration.ofMillis(200));

        assertThat(call).isInstanceOf(EngineCall.TimedOut.class);
        assertThat(slow.requests.get()).isEqualTo(1);
        assertThat(alive.requests.get()).isZero();
        assertThat(failovers()).isZero();
        assertThat(count("oktioneer.engine.calls", "outcome", "timeout")).isEqualTo(1);
    }

    @Test
    void anErrorAnswerIsNotRetried() throws Exception {
        StubEngine failing = stub("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        StubEngine alive = stub(NO_MATCH);
        client(failing.url(), alive.url());

        assertThat(call()).isInstanceOf(EngineCall.Unavailable.class);
        assertThat(alive.requests.get()).isZero();
        assertThat(failovers()).isZero();
    }

    @Test
    void allDownIsUnavailableAndThenCostsNothing() throws Exception {
        client(StubEngine.refusing(), StubEngine.refusing());

        // each refused: both tried within the one call, both skipped from now on
        assertThat(call()).isInstanceOfSatisfying(EngineCall.Unavailable.class,
                unavailable -> assertThat(unavailable.circuitOpen()).isFalse());
        assertThat(failovers()).isEqualTo(1);
        assertThat(client.openInstances()).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            assertThat(call()).isInstanceOfSatisfying(EngineCall.Unavailable.class,
                    unavailable -> assertThat(unavailable.circuitOpen()).isTrue());
        }
        assertThat(failovers()).isEqualTo(1); // nothing was tried
        assertThat(count("oktioneer.engine.calls", "outcome", "error")).isEqualTo(1);
        assertThat(count("oktioneer.engine.calls", "outcome", "circuit_open")).isEqualTo(5);
        assertThat(client.decide(null, Duration.ZERO)).isInstanceOfSatisfying(EngineCall.Unavailable.class,
                unavailable -> assertThat(unavailable.circuitOpen()).isTrue());
    }

    @Test
    void oneUrlIsCalledAsItIsAndNotSkippedAfterOneRefusal() throws Exception {
        client(StubEngine.refusing());
        for (int i = 0; i < 3; i++) {
            assertThat(call()).isInstanceOfSatisfying(EngineCall.Unavailable.class,
                    unavailable -> assertThat(unavailable.circuitOpen()).isFalse());
        }
        assertThat(client.breakers()).singleElement()
                .satisfies(breaker -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED));
        assertThat(count("oktioneer.engine.calls", "outcome", "error")).isEqualTo(3);
        assertThat(failovers()).isZero();
    }

    @Test
    void theOldSingleUrlSettingIsRefusedNotIgnored() {
        MockEnvironment environment = new MockEnvironment().withProperty("oktioneer.engine.url", "http://engine:18083");
        assertThatThrownBy(() -> new EngineConfiguration().engineClient(properties(URI.create("http://127.0.0.1:1")),
                "token", null, new AuctionMetrics(meters), environment))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("oktioneer.engine.urls");
    }
}
