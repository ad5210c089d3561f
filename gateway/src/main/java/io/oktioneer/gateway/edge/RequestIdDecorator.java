package io.oktioneer.gateway.edge;

import io.oktioneer.contracts.InternalHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Gives every request its {@code X-Request-Id} (the client's when sane, else a new one) before anything else
 * sees it: ahead of the server observation, whose propagator takes the header into the trace's baggage
 * ({@code management.tracing.baggage.remote-fields}). From there the id is in every log line of the request
 * (correlation field), on the spans (tag field) and in the headers of the calls to the services.
 */
@Component
class RequestIdDecorator implements HttpHandlerDecoratorFactory {

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> next.handle(withRequestId(request), response);
    }

    static ServerHttpRequest withRequestId(ServerHttpRequest request) {
        String presented = request.getHeaders().getFirst(InternalHeaders.REQUEST_ID);
        if (RequestIds.valid(presented) && request.getHeaders().get(InternalHeaders.REQUEST_ID).size() == 1) {
            return request;
        }
        String id = RequestIds.generate();
        return request.mutate().headers(headers -> headers.set(InternalHeaders.REQUEST_ID, id)).build();
    }
}
