package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Past its in-flight limit the service refuses at once (503, Retry-After, problem+json) instead of queueing. */
class OverloadIT extends AuctionServiceITBase {

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void limit(DynamicPropertyRegistry registry) {
        registry.add("oktioneer.evaluation.max-in-flight", () -> 2);
    }

    @Test
    void evaluationsBeyondTheLimitAreRefusedAtOnceAndTheAdmittedOnesAnswer() throws Exception {
        ENGINE.answer(request -> candidates(1, candidate(UUID.randomUUID(), "ov-u", "10", null)));
        ENGINE.delay(1500);
        List<Api.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> pending = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = evaluateBody("ex-over", unique("OV"), "5", "'tmaxMs':5000");
                pending.add(pool.submit(() -> api.evaluate(body)));
            }
            for (Future<Api.Response> future : pending) {
                answers.add(future.get());
            }
        } finally {
            ENGINE.delay(0);
        }

        List<Api.Response> refused = answers.stream().filter(a -> a.status() == 503).toList();
        List<Api.Response> admitted = answers.stream().filter(a -> a.status() == 200).toList();
        assertThat(refused.size() + admitted.size()).isEqualTo(6);
        assertThat(admitted).hasSizeBetween(2, 4);
        assertThat(refused).isNotEmpty().allSatisfy(a -> {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.headers().firstValue("Retry-After")).contains("1");
            assertThat(a.json().get("detail").asString()).contains("Too many evaluations");
        });
        assertThat(meters.get("oktioneer.evaluations.rejected").counter().count()).isEqualTo(refused.size());
        assertThat(meters.get("oktioneer.evaluations.in.flight").gauge().value()).isZero();

        Api.Response after = api.evaluate(evaluateBody("ex-over", unique("OV"), "5", "'tmaxMs':5000"));
        assertThat(after.status()).as("permits come back").isEqualTo(200);
    }
}
