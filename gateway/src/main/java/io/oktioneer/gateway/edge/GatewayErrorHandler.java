package io.oktioneer.gateway.edge;

import io.oktioneer.gateway.PublicError;
import io.oktioneer.gateway.RequestScope;
import io.oktioneer.gateway.apikey.NewApiKeyRequest;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself answers, as problem+json without internals: unknown paths (404), the
 * admin API's bad input (400, 415), a service that does not answer in time (504) or at all (502), and
 * anything unexpected (500, logged here with its stack trace, never sent).
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final Problems problems;

    GatewayErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        if (error instanceof ErrorResponse response) {
            // Allow on 405, Accept on 415 and the like.
            exchange.getResponse().getHeaders().putAll(response.getHeaders());
        }
        if (error instanceof NewApiKeyRequest.InvalidException invalid) {
            return RequestScope.completeInScope(problems.write(exchange, HttpStatus.BAD_REQUEST,
                    "The request has invalid fields.", invalid.errors()));
        }
        // Deferred to read the request's observation from the Reactor context: the lines status() logs carry
        // its trace and request ids.
        return RequestScope.completeInScope(Mono.deferContextual(context -> problems.write(exchange,
                RequestScope.inScope(context, () -> status(exchange, error)), detail(error))));
    }

    private HttpStatus status(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ErrorResponse response) {
            HttpStatusCode code = response.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            if (status != null) {
                if (status.is5xxServerError() && status != HttpStatus.GATEWAY_TIMEOUT
                        && status != HttpStatus.SERVICE_UNAVAILABLE) {
                    logUnexpected(exchange, error);
                }
                return status;
            }
        }
        if (error instanceof DataAccessException) {
            log.atWarn().addKeyValue("request.id", requestId(exchange))
                    .log("API key store unavailable: {}", error.toString());
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (atCapacity(error)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (causedBy(error, TimeoutException.class)) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        if (causedBy(error, IOException.class)) {
            log.atWarn().addKeyValue("request.id", requestId(exchange))
                    .log("Service unreachable for {}: {}", exchange.getRequest().getPath().value(), error.toString());
            return HttpStatus.BAD_GATEWAY;
        }
        logUnexpected(exchange, error);
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detail(Throwable error) {
        if (error instanceof PublicError publicError) {
            return publicError.getReason();
        }
        if (error instanceof ServerWebInputException) {
            return "The request body is missing or is not valid JSON of the expected shape.";
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return "The request body must be application/json.";
        }
        if (error instanceof MethodNotAllowedException) {
            return "This method is not allowed on this path.";
        }
        if (error instanceof NotAcceptableStatusException) {
            return "No acceptable representation (this API answers application/json).";
        }
        if (error instanceof ErrorResponse response) {
            int status = response.getStatusCode().value();
            if (status == 404) {
                return "No such path.";
            }
            if (status == 504) {
                return "The service did not answer in time.";
            }
            return HttpStatus.resolve(status) == null ? null : HttpStatus.resolve(status).getReasonPhrase() + ".";
        }
        if (error instanceof DataAccessException) {
            return "The API key store is unavailable; try again shortly.";
        }
        if (atCapacity(error)) {
            return "The service is at capacity; retry shortly.";
        }
        if (causedBy(error, TimeoutException.class)) {
            return "The service did not answer in time.";
        }
        if (causedBy(error, IOException.class)) {
            return "The service is unreachable.";
        }
        return "Unexpected error; the request id identifies it in the gateway's log.";
    }

    /**
     * Every connection to the service is busy and none freed within the pool's acquire time-out (or too many
     * wait): SPEC §9's overload, shed with 503 + Retry-After instead of a queue that turns into time-outs. Reactor
     * Netty's pool exceptions are shaded, hence matched by name.
     */
    static boolean atCapacity(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().startsWith("PoolAcquire")) {
                return true;
            }
        }
        return false;
    }

    private void logUnexpected(ServerWebExchange exchange, Throwable error) {
        log.atError().addKeyValue("request.id", requestId(exchange)).setCause(error)
                .log("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
    }

    private static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(EdgeFilter.REQUEST_ID_ATTRIBUTE);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
