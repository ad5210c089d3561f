package io.oktioneer.gateway.balancing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_OBSERVATION_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.micrometer.observation.Observation;
import io.oktioneer.gateway.RequestScope;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * A call whose connection to the chosen instance could not be made (refused, no route, connect time-out) goes at
 * once to another instance of the service, and the one that failed gets no calls until the readiness check sees it
 * ready again. Nothing was processed on a connection that was never made, nor on a kept-alive connection found
 * closed while the request was being written, so this is safe for a POST too. A call that reached an instance whole
 * is never sent again: losing the connection after that is the client's 502 (GatewayErrorHandler), the same as with
 * one instance.
 *
 * <p>A request body is kept in memory for the next attempt: the attempt whose connection closed while writing has
 * read the body already, and the server's inbound body can be read once (reactor-netty answers a second reader with
 * an empty body once it was read, so the next instance would wait for a body that never comes).
 *
 * <p>It runs just before Spring Cloud LoadBalancer's filter: a failed attempt resets the exchange to the route's
 * {@code lb://} URI and runs the rest of the chain again (the balancer chooses among the instances left, then the
 * routing filter). A service with one instance skips all of it.
 */
@Component
class ConnectFailover implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ConnectFailover.class);

    /** Set by Spring Cloud Gateway's ObservationClosingWebExceptionHandler once it stopped the client observation. */
    private static final String OBSERVATION_STOPPED = "gateway.observation.stopped";

    private final ServiceInstances services;

    ConnectFailover(ServiceInstances services) {
        this.services = services;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !"lb".equals(url.getScheme())) {
            return chain.filter(exchange);
        }
        InstancePool pool = services.pool(url.getHost());
        if (pool == null || pool.size() < 2) {
            return chain.filter(exchange);
        }
        if (!hasBody(exchange.getRequest().getHeaders())) {
            return attempt(exchange, chain, url, pool, 1);
        }
        return ServerWebExchangeUtils.<Void>cacheRequestBody(exchange,
                        request -> attempt(exchange.mutate().request(request).build(), chain, url, pool, 1))
                .doFinally(signal -> ServerWebExchangeUtils.clearCachedRequestBody(exchange));
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, URI lbUrl, InstancePool pool,
            int attempt) {
        return chain.filter(exchange).onErrorResume(error -> {
            if (attempt >= pool.size() || !notConnected(error) || exchange.getResponse().isCommitted()) {
                return Mono.error(error);
            }
            URI failed = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
            if (failed != null) {
                pool.eject(failed, "connect failed: " + error);
            }
            closeObservation(exchange, error);
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, lbUrl);
            exchange.getAttributes().remove(GATEWAY_ALREADY_ROUTED_ATTR);
            // Logged in the request's scope: the line carries its trace and request ids.
            return Mono.deferContextual(context -> {
                RequestScope.log(context, () -> log.warn(
                        "No connection to {} ({}): the call goes to another {} instance",
                        failed, error.toString(), pool.getServiceId()));
                return attempt(exchange, chain, lbUrl, pool, attempt + 1);
            });
        });
    }

    /**
     * No whole request reached the instance: the connection could not be made, or a kept-alive connection closed
     * while the request was still being written (an instance killed a moment ago whose close the pool had not seen
     * yet). A service acts only on a whole request (it reads the body first), so neither can have been processed.
     */
    static boolean notConnected(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof PrematureCloseException && String.valueOf(cause.getMessage())
                    .contains("while sending request")) {
                return true;
            }
        }
        return false;
    }

    /** The failed attempt's client span ends with its error; the next attempt gets its own. */
    private static void closeObservation(ServerWebExchange exchange, Throwable error) {
        Observation observation = exchange.getAttribute(GATEWAY_OBSERVATION_ATTR);
        if (observation != null && exchange.getAttribute(OBSERVATION_STOPPED) == null) {
            observation.error(error);
            observation.stop();
        }
        exchange.getAttributes().remove(GATEWAY_OBSERVATION_ATTR);
    }
}
