package io.oktioneer.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.oktioneer.client.ApiException;
import io.oktioneer.client.ApiResponse;
import io.oktioneer.client.GatewayClient;
import io.oktioneer.client.JSON;
import io.oktioneer.client.api.AuctionsApi;
import java.util.function.Supplier;

/** The generated client (module client) as the system tests use it for evaluate, result and GET auction. */
final class ClientCalls {

    /** One call of a generated API class. */
    @FunctionalInterface
    interface ClientCall<T> {
        ApiResponse<T> send() throws ApiException;
    }

    private ClientCalls() {
    }

    /** The auction calls through {@code gateway} with {@code key}, each request with an id from {@code requestIds}. */
    static AuctionsApi auctions(String gateway, String key, Supplier<String> requestIds) {
        return new AuctionsApi(GatewayClient.create(gateway, key, requestIds));
    }

    /** The answer of a call that must succeed with {@code status}; else an AssertionError with what came back. */
    static <T> ApiResponse<T> expect(String what, int status, ClientCall<T> call) {
        ApiResponse<T> response;
        try {
            response = call.send();
        } catch (ApiException refused) {
            throw new AssertionError("expected " + status + " from " + what + " but got "
                    + (refused.getCode() == 0 ? "no answer: " + refused.getCause() : refused.getCode() + " "
                    + refused.getResponseBody()), refused);
        }
        if (response.getStatusCode() != status) {
            throw new AssertionError("expected " + status + " from " + what + " but got " + response.getStatusCode()
                    + " " + json(response.getData()));
        }
        return response;
    }

    /** A model of the generated client as the JSON it was read from (for reports). */
    static String json(Object model) {
        try {
            return JSON.getDefault().getMapper().writeValueAsString(model);
        } catch (JsonProcessingException e) {
            return String.valueOf(model);
        }
    }

    /** An enum of the generated model as its JSON value, or null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
