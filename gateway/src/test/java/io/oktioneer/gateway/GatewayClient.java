package io.oktioneer.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the gateway under test the way a client would. */
public final class GatewayClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;

    public GatewayClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public GatewayClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** A request to {@code path} with the key (none when null); add a body and headers, then {@link #send}. */
    public HttpRequest.Builder request(String method, String path, String key, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder;
    }

    public HttpResponse<String> call(String method, String path, String key, String jsonBody) {
        return send(request(method, path, key, jsonBody));
    }

    public HttpResponse<String> get(String path, String key) {
        return call("GET", path, key, null);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body of unknown length: sent chunked, without Content-Length. */
    public static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * Waits until the gateway reports ready: its key store migrated and read. Until then the admin API
     * answers 503 (the schema is migrated in the background so PostgreSQL down does not stop the start).
     */
    public void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = get("/actuator/health/readiness", null).statusCode();
        while (status != 200) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gateway not ready within 60 s (readiness " + status + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            status = get("/actuator/health/readiness", null).statusCode();
        }
    }

    /** Creates a key through the admin API and returns the created answer. */
    public JsonNode createKey(String adminKey, String body) {
        HttpResponse<String> response = call("POST", "/api/v1/admin/api-keys", adminKey, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("key not created: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }
}
