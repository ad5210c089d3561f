package io.oktioneer.engine;

import io.oktioneer.contracts.InternalHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running engine over HTTP, as the auction-service and the probes do. */
final class EngineHttp {

    static final String TOKEN = "it-internal-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    EngineHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> decide(String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/internal/v1/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header(InternalHeaders.INTERNAL_TOKEN, token);
        }
        return send(request.build());
    }

    /** The decision for a category (any brand, EUR, floor 1, up to 100 candidates). */
    JsonNode decide(String category) {
        HttpResponse<String> response = decide("{\"exchange\":\"ex-test\",\"auctionId\":\"A-1\",\"category\":\""
                + category + "\",\"floorPrice\":1,\"currency\":\"EUR\",\"maxCandidates\":100}", TOKEN);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("decision answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode candidate(JsonNode decision, String preferenceId) {
        for (JsonNode candidate : decision.path("candidates")) {
            if (candidate.path("preferenceId").asString().equals(preferenceId)) {
                return candidate;
            }
        }
        return null;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
