package io.oktioneer.auction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine connections against a raw HTTP/1.1 server on a loopback socket ({@link StubEngine}) whose answers
 * each test writes byte for byte: keep-alive reuse, a pooled connection the server closed, deadlines, chunked bodies,
 * {@code Connection: close}, refusal.
 */
class EngineConnectionsTest {

    private static final byte[] REQUEST = ("POST /internal/v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
            .getBytes(StandardCharsets.US_ASCII);

    private StubEngine stub;
    private List<Socket> accepted;
    private AtomicInteger requests;
    private EngineConnections connections;

    private void serve(Function<Integer, String> answerForRequestNumber) throws IOException {
        serve(8, answerForRequestNumber);
    }

    private void serve(int maxIdle, Function<Integer, String> answerForRequestNumber) throws IOException {
        stub = StubEngine.start(answerForRequestNumber);
        accepted = stub.accepted;
        requests = stub.requests;
        connections = new EngineConnections(stub.url(), Duration.ofSeconds(2), Duration.ofSeconds(20), maxIdle);
    }

    @AfterEach
    void stop() throws IOException {
        if (connections != null) {
            connections.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    private static String ok(String body) {
        return StubEngine.ok(body);
    }

    private String call() throws Exception {
        return connections.exchange(REQUEST, System.nanoTime() + TimeUnit.SECONDS.toNanos(5),
                (status, buffer, offset, length) -> status + " " + new String(buffer, offset, length, StandardCharsets.UTF_8));
    }

    @Test
    void keepsOneConnectionForSequentialCalls() throws Exception {
        serve(n -> ok("{\"n\":" + n + "}"));
        for (int i = 1; i <= 300; i++) {
            assertThat(call()).isEqualTo("200 {\"n\":" + i + "}");
        }
        assertThat(accepted).hasSize(1);
    }

    @Test
    void readsChunkedBodiesAndErrorStatuses() throws Exception {
        serve(n -> n == 1
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\n\r\n"
                : "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
        assertThat(call()).isEqualTo("200 {\"a\":12}");
        assertThat(call()).isEqualTo("401 ");
        assertThat(accepted).hasSize(1);
    }

    @Test
    void afterABurstSequentialCallsReuseAKeptConnection() throws Exception {
        serve(2, n -> ok("{}"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 20; i++) {
                    try {
                        call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int opened = accepted.size();
        for (int i = 0; i < 20; i++) {
            assertThat(call()).isEqualTo("200 {}");
        }
        assertThat(accepted).hasSize(opened); // sequential calls reuse what was kept
    }

    @Test
    void opensANewConnectionAfterConnectionClose() throws Exception {
        serve(n -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(call()).isEqualTo("200 {}");
        assertThat(call()).isEqualTo("200 {}");
        assertThat(accepted).hasSize(2);
    }

    @Test
    void retriesOnceOnANewConnectionWhenThePooledOneWasClosedByTheServer() throws Exception {
        // the 2nd request on the 1st connection is dropped without an answer, as an idle timeout would
        serve(n -> n == 2 ? null : ok("{\"n\":" + n + "}"));
        assertThat(call()).isEqualTo("200 {\"n\":1}");
        assertThat(call()).isEqualTo("200 {\"n\":3}");
        assertThat(accepted).hasSize(2);
    }

    @Test
    void aNewConnectionClosedWithoutAnAnswerIsAFailureNotARetry() throws Exception {
        serve(n -> null);
        // no answer: another instance may be asked, but this one was reached
        assertThatThrownBy(this::call).isInstanceOfSatisfying(EngineConnections.NoAnswerException.class,
                e -> assertThat(e.connecting).isFalse());
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void givesUpAtTheDeadlineAndDropsThatConnection() throws Exception {
        serve(n -> n == 1 ? "SLEEP 30000" : ok("{}")); // the first request is never answered in time
        assertThatThrownBy(() -> connections.exchange(REQUEST, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
                (status, buffer, offset, length) -> status)).isInstanceOf(TimeoutException.class);
        assertThat(call()).isEqualTo("200 {}");
        assertThat(accepted).hasSize(2);
        assertThatThrownBy(() -> connections.exchange(REQUEST, System.nanoTime() - 1, (status, buffer, offset, length) -> status))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void aRefusedConnectionIsANoAnswerWhileConnecting() throws Exception {
        connections = new EngineConnections(StubEngine.refusing(), Duration.ofSeconds(2), Duration.ofSeconds(20), 8);
        assertThatThrownBy(this::call).isInstanceOfSatisfying(EngineConnections.NoAnswerException.class,
                e -> assertThat(e.connecting).isTrue());
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswerAndShareAtMostOneConnectionPerCaller() throws Exception {
        serve(16, n -> ok("{\"n\":" + n + "}"));
        List<Thread> threads = new ArrayList<>();
        List<String> answers = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        answers.add(call());
                    } catch (Exception e) {
                        answers.add("failed " + e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(answers).hasSize(800).allMatch(answer -> answer.startsWith("200 {\"n\":"));
        assertThat(answers.stream().distinct()).hasSize(800);
        assertThat(accepted.size()).isLessThanOrEqualTo(16);
    }
}
