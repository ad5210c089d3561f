package io.oktioneer.gateway.edge;

import io.oktioneer.gateway.apikey.NewApiKeyRequest.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 {@code application/problem+json} answers: never an exception message or a stack trace. */
@Component
public class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail, null);
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("requestId", exchange.getAttribute(EdgeFilter.REQUEST_ID_ATTRIBUTE));
        if (errors != null) {
            body.put("errors", errors);
        }
        byte[] bytes = json.writeValueAsBytes(body);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }
}
