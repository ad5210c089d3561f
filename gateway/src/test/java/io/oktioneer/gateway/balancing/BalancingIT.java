package io.oktioneer.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.gateway.FakeService;
import io.oktioneer.gateway.GatewayClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the auction-service behind the gateway (real PostgreSQL and Redis, stub instances), checked
 * every second as in production: calls are spread over both; an instance that is not ready, or stopped, gets no
 * calls and no call is lost; one ready again, or started again, gets calls again; the health shows each instance.
 */
class BalancingIT extends BalancedGateway {

    private static final StubInstance A = new StubInstance();
    private static final StubInstance B = new StubInstance();
    private static final FakeService OTHERS = new FakeService("others");
    /** Generous: the checks run every second; a loaded machine may be slow. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "balancing", A, B, OTHERS);
    }

    int sequence;

    @BeforeEach
    void bothUp() {
        A.start();
        B.start();
        A.ready = true;
        B.ready = true;
        eventually("both instances get calls", () -> {
            int a = A.bodies.size();
            int b = B.bodies.size();
            callTimes(6);
            return A.bodies.size() > a && B.bodies.size() > b;
        });
    }

    @AfterAll
    void stopStubs() {
        A.close();
        B.close();
        OTHERS.close();
    }

    @Test
    void callsAreSpreadOverBothInstances() {
        int a = A.bodies.size();
        int b = B.bodies.size();
        callTimes(20);
        // Round robin: each instance gets every other call.
        assertThat(A.bodies.size() - a).isEqualTo(10);
        assertThat(B.bodies.size() - b).isEqualTo(10);
    }

    @Test
    void anInstanceThatIsNotReadyGetsNoCallsUntilItIsReadyAgain() {
        B.ready = false;
        eventually("the not-ready instance gets no calls", () -> {
            int b = B.bodies.size();
            callTimes(10);
            return B.bodies.size() == b;
        });
        int b = B.bodies.size();
        callTimes(20);
        assertThat(B.bodies.size()).as("calls to the not-ready instance").isEqualTo(b);

        B.ready = true;
        eventually("the instance ready again gets calls", () -> {
            int again = B.bodies.size();
            callTimes(6);
            return B.bodies.size() > again;
        });
    }

    @Test
    void noCallIsLostWhenAnInstanceStopsAndItGetsCallsAgainOnceRestarted() throws InterruptedException {
        B.stop();
        // The gateway's idle keep-alive connections to B see B's close first (as with a killed process).
        Thread.sleep(200);
        int a = A.bodies.size();
        for (int i = 0; i < 20; i++) {
            String body = body();
            HttpResponse<String> response = gateway.call("POST", EVALUATE, bidderKey, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
            assertThat(response.headers().firstValue("X-Instance")).hasValue(Integer.toString(A.port()));
        }
        assertThat(A.bodies.size() - a).as("every call reached A once").isEqualTo(20);

        JsonNode auction = auctionHealth();
        assertThat(auction.path("status").asString()).as(auction.toString()).isEqualTo("UP");
        assertThat(auction.path("details").path("instances").path(A.url()).path("status").asString()).isEqualTo("UP");
        assertThat(auction.path("details").path("instances").path(B.url()).path("status").asString()).isEqualTo("DOWN");

        B.start();
        eventually("the restarted instance gets calls", () -> {
            int b = B.bodies.size();
            callTimes(6);
            return B.bodies.size() > b;
        });
    }

    @Test
    void theServiceIsDownInTheHealthOnlyWhenEveryInstanceIs() {
        A.ready = false;
        JsonNode auction = auctionHealth();
        assertThat(auction.path("status").asString()).as(auction.toString()).isEqualTo("UP");
        assertThat(auction.path("details").path("instances").path(A.url()).path("httpStatus").asInt()).isEqualTo(503);
        B.ready = false;
        auction = auctionHealth();
        assertThat(auction.path("status").asString()).as(auction.toString()).isEqualTo("DOWN");
        assertThat(auction.path("details").path("instances").size()).isEqualTo(2);
    }

    private JsonNode auctionHealth() {
        return GatewayClient.json(gateway.get("/actuator/health", null))
                .path("components").path("services").path("components").path("auction-service");
    }

    private void callTimes(int times) {
        for (int i = 0; i < times; i++) {
            String body = body();
            HttpResponse<String> response = gateway.call("POST", EVALUATE, bidderKey, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
    }

    private String body() {
        return "{\"auctionId\":\"balancing-" + (++sequence) + "\",\"tmaxMs\":100}";
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + EVENTUALLY.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
