package io.oktioneer.support.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The warm-up loop against a stub server: shares, the expected status, waiting for the service's own start. */
class WarmupRunTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            int status = exchange.getRequestURI().getPath().startsWith("/missing") ? 404 : 400;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void eachKindOfCallGetsItsShareAndCountsOnlyTheStatusThatMeansItWentTheWholeWay() {
        WarmupRun run = new WarmupRun(new WarmupProperties(true, 10, Duration.ofSeconds(30)));
        assertThat(run.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        run.run("nothing", () -> true, List.of(call("refused", "/evaluate", 400), call("unknown", "/missing/1", 404)),
                HttpClient::newHttpClient);

        assertThat(run.health().getStatus()).isEqualTo(Status.UP);
        assertThat(run.health().getDetails()).containsEntry("warmup", "done").containsEntry("refused", 5)
                .containsEntry("unknown", 5);
        assertThat(calls).hasValue(10);
    }

    @Test
    void aCallAnsweredOtherwiseIsNotCountedAndItsKindPauses() {
        WarmupRun run = new WarmupRun(new WarmupProperties(true, 4, Duration.ofMillis(1500)));

        run.run("nothing", () -> true, List.of(call("expectsOk", "/evaluate", 200)), HttpClient::newHttpClient);

        assertThat(run.health().getStatus()).isEqualTo(Status.UP);
        assertThat(run.health().getDetails()).containsEntry("expectsOk", 0);
        // one failure pauses the kind for 2 s, longer than this warm-up may take
        assertThat(calls).hasValue(1);
    }

    @Test
    void waitsForTheServiceItselfButNoLongerThanItsLongestDuration() {
        WarmupRun run = new WarmupRun(new WarmupProperties(true, 10, Duration.ofMillis(400)));
        long start = System.nanoTime();

        run.run("the index", () -> false, List.of(call("refused", "/evaluate", 400)), HttpClient::newHttpClient);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(run.health().getStatus()).isEqualTo(Status.UP);
        assertThat(calls).hasValue(0);
    }

    @Test
    void disabledIsReadyAtOnce() {
        WarmupRun run = new WarmupRun(new WarmupProperties(false, 10, Duration.ofSeconds(1)));

        assertThat(run.enabled()).isFalse();
        assertThat(run.health().getStatus()).isEqualTo(Status.UP);
        assertThat(run.health().getDetails()).containsEntry("warmup", "disabled");
    }

    private WarmupCall call(String name, String path, int expected) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new WarmupCall(name, i -> HttpRequest.newBuilder(uri).GET().build(), expected);
    }
}
