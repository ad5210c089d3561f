package io.oktioneer.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oktioneer.client.model.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Set-up for the generated client: an {@link ApiClient} aimed at the gateway whose every request carries
 * {@code Authorization: Bearer <api key>} and, when a supplier is given, an {@code X-Request-Id} of the caller's
 * (the gateway makes one up otherwise). Give it to the generated API classes:
 * {@code new AuctionsApi(GatewayClient.create(url, key))}. Also reads what the generated classes leave raw: the
 * {@code Idempotent-Replayed} header of an answer and the RFC 9457 problem of a refused call.
 */
public final class GatewayClient {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();

    private GatewayClient() {
    }

    /** A client for {@code gatewayUrl} (e.g. {@code http://127.0.0.1:8080}) that sends {@code apiKey}. */
    public static ApiClient create(String gatewayUrl, String apiKey) {
        return create(gatewayUrl, apiKey, () -> null);
    }

    /**
     * As {@link #create(String, String)}, each request also carrying the id {@code requestIds} gives it (none
     * when it gives null): at most 128 of {@code [A-Za-z0-9._:-]}, else the gateway replaces it.
     */
    public static ApiClient create(String gatewayUrl, String apiKey, Supplier<String> requestIds) {
        Objects.requireNonNull(apiKey, "apiKey");
        ApiClient client = new ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setConnectTimeout(Duration.ofSeconds(3));
        client.setReadTimeout(Duration.ofSeconds(10));
        client.setRequestInterceptor(request -> {
            request.setHeader("Authorization", "Bearer " + apiKey);
            String requestId = requestIds.get();
            if (requestId != null) {
                request.setHeader(REQUEST_ID, requestId);
            }
        });
        return client;
    }

    /** Whether the answer is the stored one of an identical earlier request ({@code Idempotent-Replayed: true}). */
    public static boolean replayed(ApiResponse<?> response) {
        List<String> values = response.getHeaders() == null ? null : response.getHeaders().get(REPLAYED);
        return values != null && values.contains("true");
    }

    /**
     * The problem+json body of a refused call (4xx/5xx): {@code status}, {@code title}, {@code detail}, and
     * {@code errors} (every invalid field) on a 400. Null when the call got no answer (its
     * {@link ApiException#getCode()} is 0) or the body is not a JSON object.
     */
    public static Problem problem(ApiException refused) {
        String body = refused.getResponseBody();
        if (refused.getCode() == 0 || body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(body, Problem.class);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
