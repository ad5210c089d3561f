package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A slow or dead engine: the evaluation still answers NO_BID (TIMEOUT or ENGINE_UNAVAILABLE), records the
 * round, and once failures pile up the circuit opens so the engine is not called at all. Latencies are printed
 * for the report, never asserted.
 */
class EngineFailureIT extends AuctionServiceITBase {

    @Autowired
    MeterRegistry meters;

    private double engineCalls(String outcome) {
        return meters.get("oktioneer.engine.calls").tag("outcome", outcome).counter().count();
    }

    @Test
    void slowEngineGivesTimeoutAndADeadOneOpensTheCircuit() {
        ENGINE.answer(request -> candidates(1, candidate(UUID.randomUUID(), "u", "10", null)));
        ENGINE.delay(8000);
        List<Long> timeoutNanos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response slow = api.evaluate(evaluateBody("ex-fail", unique("T"), "5", "'tmaxMs':6000"));
            assertThat(slow.status()).as(slow.text()).isEqualTo(200);
            assertThat(slow.json().get("decision").asString()).isEqualTo("NO_BID");
            assertThat(slow.json().get("reason").asString()).isEqualTo("TIMEOUT");
            timeoutNanos.add(slow.nanos());
        }
        assertThat(engineCalls("timeout")).isGreaterThanOrEqualTo(3);
        ENGINE.delay(0);

        ENGINE.stop();
        try {
            List<Long> downNanos = new ArrayList<>();
            double openBefore = engineCalls("circuit_open");
            for (int i = 0; i < 25; i++) {
                // A roomy deadline: the stopped engine refuses at once, and each refusal must reach the breaker
                // (a deadline spent before the call is made would count as a timeout, not as an engine error).
                Api.Response down = api.evaluate(evaluateBody("ex-fail", unique("D"), "5", "'tmaxMs':2000"));
                assertThat(down.status()).isEqualTo(200);
                // refused at once, or (a connection the server dropped without a word) no answer by the deadline
                assertThat(down.json().get("reason").asString()).isIn("ENGINE_UNAVAILABLE", "TIMEOUT");
                downNanos.add(down.nanos());
            }
            assertThat(engineClient.breakers().getFirst().getState()).isEqualTo(CircuitBreaker.State.OPEN);
            int callsWhileOpen = ENGINE.calls();
            List<Long> openNanos = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Api.Response open = api.evaluate(evaluateBody("ex-fail", unique("O"), "5", "'tmaxMs':2000"));
                assertThat(open.json().get("reason").asString()).isEqualTo("ENGINE_UNAVAILABLE");
                openNanos.add(open.nanos());
            }
            assertThat(ENGINE.calls()).isEqualTo(callsWhileOpen);
            assertThat(engineCalls("circuit_open")).isGreaterThanOrEqualTo(openBefore + 5);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM auction_round WHERE exchange = 'ex-fail'"
                    + " AND reason IN ('ENGINE_UNAVAILABLE', 'TIMEOUT')", Long.class)).isGreaterThanOrEqualTo(33);
            System.out.printf("[measured] engine slow (8000 ms, tmaxMs=6000) answer ms %s; engine down ms %s;"
                    + " circuit open ms %s (tmaxMs=2000)%n", millis(timeoutNanos), millis(downNanos), millis(openNanos));
        } finally {
            ENGINE.restart();
        }
    }

    private static List<String> millis(List<Long> nanos) {
        return nanos.stream().map(n -> String.format("%.1f", n / 1e6)).toList();
    }
}
