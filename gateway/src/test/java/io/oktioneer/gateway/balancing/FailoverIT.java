package io.oktioneer.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.gateway.FakeService;
import io.oktioneer.gateway.GatewayClient;
import java.net.http.HttpResponse;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The passive side of balancing, with the readiness checks made rare (one at start, then none for 10 minutes) so
 * only a call can find an instance gone: a call whose connection is refused goes to the other instance with its
 * body intact and the gone one gets no more calls; a call that reached an instance that then died is a quick 502
 * problem, never sent again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class FailoverIT extends BalancedGateway {

    private static final StubInstance A = new StubInstance();
    private static final StubInstance B = new StubInstance();
    private static final FakeService OTHERS = new FakeService("others");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "failover", A, B, OTHERS);
        registry.add("oktioneer.gateway.balancing.check-interval", () -> "10m");
    }


    @AfterAll
    void stopStubs() {
        A.close();
        B.close();
        OTHERS.close();
    }

    @Test
    @Order(1)
    void aCallThatReachedAnInstanceThatDiedIsA502ProblemAndIsNeverSentAgain() {
        int received = A.bodies.size() + B.bodies.size();
        String body = "{\"auctionId\":\"dies\",\"die\":true,\"tmaxMs\":100}";

        HttpResponse<String> response = gateway.call("POST", EVALUATE, bidderKey, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = GatewayClient.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(502);
        assertThat(problem.path("detail").asString()).isEqualTo("The service is unreachable.");
        assertThat(A.bodies.size() + B.bodies.size() - received).as("times the call was sent").isEqualTo(1);
    }

    @Test
    @Order(2)
    void aRefusedConnectionSendsTheCallToTheOtherInstanceWithItsBodyIntact(CapturedOutput output) throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.call("POST", EVALUATE, bidderKey, body(i)).statusCode()).isEqualTo(200);
        }
        B.stop();
        // The gateway's idle keep-alive connections to B see B's close first (as with a killed process).
        Thread.sleep(200);
        int a = A.bodies.size();

        for (int i = 0; i < 10; i++) {
            String body = body(100 + i);
            HttpResponse<String> response = gateway.call("POST", EVALUATE, bidderKey, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
            assertThat(response.headers().firstValue("X-Instance")).hasValue(Integer.toString(A.port()));
        }

        // Every body reached A exactly once, byte for byte, the one that first went to B included.
        assertThat(A.bodies.subList(a, A.bodies.size()))
                .containsExactly(IntStream.range(100, 110).mapToObj(FailoverIT::body).toArray(String[]::new));
        // B was tried once: after that it is out until a readiness check sees it ready.
        String failover = "No connection to http://127.0.0.1:" + B.port() + "/";
        assertThat(output.getAll().lines().filter(line -> line.contains(failover))).hasSize(1);
    }

    private static String body(int n) {
        // Large enough to span several TCP segments: an attempt that had read any of it could not send it again.
        return "{\"auctionId\":\"failover-" + n + "\",\"tmaxMs\":100,\"pad\":\"" + "x".repeat(20_000) + "\"}";
    }
}
