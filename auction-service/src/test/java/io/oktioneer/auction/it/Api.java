package io.oktioneer.auction.it;

import io.oktioneer.contracts.InternalHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the service as the gateway would (internal token, identity headers). */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final String base;
    private final String token;

    public Api(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text, long nanos) {
        public JsonNode json() {
            return JSON.readTree(text);
        }

        public boolean replayed() {
            return "true".equals(headers.firstValue("Idempotent-Replayed").orElse(null));
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public Response post(String path, String json, String... headers) {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    public Response evaluate(String json) {
        return post("/api/v1/auctions/evaluate", json, InternalHeaders.ROLE, "BIDDER");
    }

    public Response result(String json) {
        return post("/api/v1/auctions/result", json, InternalHeaders.ROLE, "ADMIN");
    }

    public HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header(InternalHeaders.INTERNAL_TOKEN, token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public Response send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON with single quotes for readability in tests. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
