package io.oktioneer.auction.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.contracts.engine.EngineRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine call puts on the wire (internal token, the trace context the observation injects, the JSON
 * request) and how it reads the answer, against a one-answer raw HTTP server.
 */
class EngineClientTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final AtomicReference<String> received = new AtomicReference<>();
    private ServerSocket server;
    private EngineClient client;

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private EngineClient client(String answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                while (!request.toString(StandardCharsets.UTF_8).endsWith("}")) {
                    request.write(in.read());
                }
                received.set(request.toString(StandardCharsets.UTF_8));
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                in.read(); // until the client closes
            } catch (IOException e) {
                // the test ended
            }
        });
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new TraceparentInjector());
        client = EngineConfiguration.client(EngineClientsTest.properties(URI.create("http://127.0.0.1:"
                + server.getLocalPort())), "secret-token", observations, new AuctionMetrics(new SimpleMeterRegistry()));
        return client;
    }

    private static EngineRequest request() {
        return new EngineRequest("ex", "A-\"1\"", "Wätches", null, new BigDecimal("120.50"), "EUR", "ENGLISH",
                new BigDecimal("0.01"), 5);
    }

    @Test
    void sendsTheTokenTheTraceContextAndTheRequestAndReadsTheCandidates() throws Exception {
        UUID id = UUID.randomUUID();
        String body = "{\"outcome\":\"CANDIDATES\",\"eligible\":7,\"extra\":{\"x\":[1]},\"candidates\":[{\"preferenceId\":\""
                + id + "\",\"userId\":\"u1\",\"bid\":121.50,\"effectiveBudget\":200.00,\"maxBid\":200.00,"
                + "\"totalBudget\":null,\"createdAt\":\"2026-01-01T10:00:00.000Z\"}]}";
        EngineClient client = client("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);

        EngineCall call = client.decide(request(), Duration.ofSeconds(2));

        String sent = received.get();
        assertThat(sent).startsWith("POST /internal/v1/decisions HTTP/1.1\r\n")
                .contains("\r\nX-Oktioneer-Internal-Token: secret-token\r\n", "\r\ntraceparent: " + TRACEPARENT + "\r\n",
                        "\r\nContent-Type: application/json\r\n")
                .endsWith("\r\n\r\n{\"exchange\":\"ex\",\"auctionId\":\"A-\\\"1\\\"\",\"category\":\"Wätches\",\"brand\":null,"
                        + "\"floorPrice\":120.50,\"currency\":\"EUR\",\"auctionType\":\"ENGLISH\",\"minIncrement\":0.01,"
                        + "\"maxCandidates\":5}");
        assertThat(sent).doesNotContain("Injected"); // a header value that would split the head is dropped
        int length = sent.substring(sent.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8).length;
        assertThat(sent).contains("\r\nContent-Length: " + length + "\r\n");

        assertThat(call).isInstanceOf(EngineCall.Answered.class);
        var response = ((EngineCall.Answered) call).response();
        assertThat(response.outcome()).isEqualTo("CANDIDATES");
        assertThat(response.eligible()).isEqualTo(7);
        assertThat(response.candidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.preferenceId()).isEqualTo(id);
            assertThat(candidate.bid()).isEqualByComparingTo("121.50");
            assertThat(candidate.totalBudget()).isNull();
            assertThat(candidate.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        });
    }

    @Test
    void anErrorStatusOrAnUnreadableAnswerIsUnavailable() throws Exception {
        EngineClient client = client("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(client.decide(request(), Duration.ofSeconds(2))).isInstanceOf(EngineCall.Unavailable.class);
    }

    @Test
    void aMalformedAnswerIsUnavailable() throws Exception {
        EngineClient client = client("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"outcome\":");
        assertThat(client.decide(request(), Duration.ofSeconds(2))).isInstanceOf(EngineCall.Unavailable.class);
    }

    /** Stands in for the tracing handler: injects a traceparent into the carrier when the call starts. */
    private static final class TraceparentInjector implements ObservationHandler<SenderContext<Object>> {

        @Override
        public void onStart(SenderContext<Object> context) {
            context.getSetter().set(context.getCarrier(), "traceparent", TRACEPARENT);
            context.getSetter().set(context.getCarrier(), "baggage", "bad\r\nInjected: yes");
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof SenderContext<?>;
        }
    }
}
