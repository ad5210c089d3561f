package io.oktioneer.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a service behind the gateway: answers 200 with what it received (service name, method,
 * path, headers, body size) and remembers the last request. {@code .../slow} answers after 15 s,
 * {@code .../broken} drops the connection without answering.
 */
public final class FakeService implements AutoCloseable {

    /** What one request looked like when it reached the service. */
    public record Received(String method, String uri, Map<String, List<String>> headers, int bodyBytes) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final DisposableServer server;
    private final AtomicReference<Received> last = new AtomicReference<>();

    public FakeService(String name) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            if (request.uri().endsWith("/broken")) {
                request.withConnection(Connection::dispose);
                return Mono.never();
            }
            return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
                Received received = new Received(request.method().name(), request.uri(), headers(request),
                        body.length);
                last.set(received);
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("service", this.name);
                echo.put("method", received.method());
                echo.put("uri", received.uri());
                echo.put("headers", received.headers());
                echo.put("bodyBytes", received.bodyBytes());
                byte[] bytes = JSON.writeValueAsBytes(echo);
                Duration delay = request.uri().endsWith("/slow") ? Duration.ofSeconds(15) : Duration.ZERO;
                return Mono.delay(delay).then(response.status(200)
                        .header("Content-Type", "application/json")
                        .header("X-Request-Id", "set-by-service")
                        .sendByteArray(Mono.just(bytes)).then());
            });
        }).bindNow();
    }

    private static Map<String, List<String>> headers(HttpServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.requestHeaders().forEach(entry -> headers
                .computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                .add(entry.getValue()));
        return headers;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public String name() {
        return name;
    }

    /** The last request this service received, or null. */
    public Received last() {
        return last.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
