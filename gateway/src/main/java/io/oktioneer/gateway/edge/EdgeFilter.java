package io.oktioneer.gateway.edge;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.gateway.GatewayMetrics;
import io.oktioneer.gateway.GatewayProperties;
import io.oktioneer.gateway.RequestScope;
import io.oktioneer.gateway.SecurityProperties;
import io.oktioneer.gateway.access.AccessPolicy;
import io.oktioneer.gateway.access.Endpoints;
import io.oktioneer.gateway.access.RequestPath;
import io.oktioneer.gateway.apikey.ApiKey;
import io.oktioneer.gateway.apikey.ApiKeyRegistry;
import io.oktioneer.gateway.ratelimit.RateLimitOutcome;
import io.oktioneer.gateway.ratelimit.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's door, in front of the routes and of its own admin API. For every call: a request id, and no
 * client-sent {@code X-Oktioneer-*} header survives; a malformed target or non-canonical path is 400, a method
 * the endpoint does not take 405 (with {@code Allow}), OPTIONS on an endpoint 204. For {@code /api/**} calls,
 * then, in the order of SPEC §2:
 * the key (401), its token bucket (429), the declared body size (413), role and ownership (403; 404 for a
 * path outside the API), the media type (415); then the call goes on with the caller's identity and the
 * internal token. Everything here is in memory except the one Redis call of the rate limiter.
 */
@Component
class EdgeFilter implements WebFilter, Ordered {

    static final String REQUEST_ID_ATTRIBUTE = EdgeFilter.class.getName() + ".requestId";

    private static final String BEARER = "Bearer ";
    private static final String DOCS_PREFIX = "/api-docs/";

    private final ApiKeyRegistry keys;
    private final RateLimiter rateLimiter;
    private final Problems problems;
    private final GatewayMetrics metrics;
    private final String internalToken;
    private final long maxBodyBytes;

    EdgeFilter(ApiKeyRegistry keys, RateLimiter rateLimiter, Problems problems, GatewayMetrics metrics,
            SecurityProperties security, GatewayProperties properties) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
        this.metrics = metrics;
        this.internalToken = security.internalToken();
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Response headers decided along the way, written just before the answer is committed. */
    private static final class AnswerHeaders {

        final String requestId;
        RateLimitOutcome rateLimit;

        AnswerHeaders(String requestId) {
            this.requestId = requestId;
        }

        void writeTo(HttpHeaders headers) {
            headers.set(InternalHeaders.REQUEST_ID, requestId);
            if (rateLimit != null && !rateLimit.failedOpen()) {
                headers.set("X-RateLimit-Limit", Long.toString(rateLimit.limit().burst()));
                headers.set("X-RateLimit-Remaining", Long.toString(rateLimit.remaining()));
                headers.set("X-RateLimit-Replenish-Rate", Long.toString(rateLimit.limit().perSecond()));
                if (!rateLimit.allowed()) {
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(rateLimit.retryAfterSeconds()));
                }
            }
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return RequestScope.completeInScope(check(exchange, chain));
    }

    private Mono<Void> check(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        String requestId = RequestIds.accept(headers.getFirst(InternalHeaders.REQUEST_ID));
        exchange.getAttributes().put(REQUEST_ID_ATTRIBUTE, requestId);
        AnswerHeaders answer = new AnswerHeaders(requestId);
        exchange.getResponse().beforeCommit(() -> {
            answer.writeTo(exchange.getResponse().getHeaders());
            return Mono.empty();
        });

        if (headers.containsHeader(RequestTargetGuard.MALFORMED)) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "The request target is malformed: only"
                    + " RFC 3986 characters, and every '%' followed by two hexadecimal digits.");
        }
        String rawPath = request.getPath().value();
        Optional<List<String>> parsed = RequestPath.segments(rawPath);
        if (parsed.isEmpty()) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "The request path is not canonical: no empty,"
                    + " '.' or '..' segments, no ';', no '\\' or encoded '/' or '\\', no double encoding.");
        }
        List<String> segments = parsed.get();
        String method = request.getMethod().name();
        Endpoints.Methods methods = Endpoints.methods(segments);
        if (!(methods == null ? Endpoints.KNOWN : methods).allows(method)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, (methods == null ? Endpoints.KNOWN : methods).allow());
            return problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED,
                    "The method " + method + " is not allowed on this path.");
        }
        if (methods != null && method.equals("OPTIONS")) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, methods.allow());
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return exchange.getResponse().setComplete();
        }
        if (!segments.get(0).equals("api")) {
            if (headers.getContentLength() > maxBodyBytes) {
                return tooLarge(exchange);
            }
            boolean docs = rawPath.startsWith(DOCS_PREFIX);
            return chain.filter(exchange.mutate().request(forward(request, null, requestId, docs)).build());
        }

        ApiKey key = keys.authenticate(bearerKey(headers));
        if (key == null) {
            metrics.unauthorized();
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return problems.write(exchange, HttpStatus.UNAUTHORIZED,
                    "A valid API key is required: Authorization: Bearer <key>.");
        }
        return rateLimiter.take(key, requestId).flatMap(outcome -> {
            answer.rateLimit = outcome;
            return afterRateLimit(exchange, chain, key, segments, requestId, outcome);
        });
    }

    private Mono<Void> afterRateLimit(ServerWebExchange exchange, WebFilterChain chain, ApiKey key,
            List<String> segments, String requestId, RateLimitOutcome outcome) {
        if (!outcome.allowed()) {
            metrics.rateLimitRejected(key.role());
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                    "Rate limit of this API key exceeded; retry after " + outcome.retryAfterSeconds() + " s.");
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long contentLength = headers.getContentLength();
        if (contentLength > maxBodyBytes) {
            return tooLarge(exchange);
        }
        String method = request.getMethod().name();
        switch (AccessPolicy.decide(method, segments, key.role(), key.userId())) {
            case FORBIDDEN -> {
                metrics.forbidden();
                return problems.write(exchange, HttpStatus.FORBIDDEN,
                        "This API key may not call " + method + " on this path.");
            }
            case NOT_FOUND -> {
                return problems.write(exchange, HttpStatus.NOT_FOUND, "No such API path.");
            }
            case ALLOWED -> {
                // continue below
            }
        }
        boolean hasBody = contentLength > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (hasBody && takesJson(request.getMethod()) && !json(headers)) {
            return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be application/json.");
        }
        ServerHttpRequest forwarded = forward(request, key, requestId, true);
        if (hasBody && contentLength < 0) {
            forwarded = new BodySizeLimit(forwarded, maxBodyBytes);
        }
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + maxBodyBytes + " bytes.");
    }

    /**
     * The request as it goes on: client {@code X-Oktioneer-*} headers and the key removed; the internal token,
     * the caller's identity (when authenticated) and the request id added.
     */
    private ServerHttpRequest forward(ServerHttpRequest request, ApiKey key, String requestId, boolean withToken) {
        return request.mutate().headers(headers -> {
            List<String> internal = new ArrayList<>(2);
            for (String name : headers.headerNames()) {
                if (name.regionMatches(true, 0, InternalHeaders.PREFIX, 0, InternalHeaders.PREFIX.length())) {
                    internal.add(name);
                }
            }
            internal.forEach(headers::remove);
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.set(InternalHeaders.REQUEST_ID, requestId);
            if (withToken) {
                headers.set(InternalHeaders.INTERNAL_TOKEN, internalToken);
            }
            if (key != null) {
                headers.set(InternalHeaders.KEY_ID, key.id());
                headers.set(InternalHeaders.ROLE, key.role().name());
                if (key.userId() != null) {
                    headers.set(InternalHeaders.USER_ID, key.userId());
                }
                if (key.exchange() != null) {
                    headers.set(InternalHeaders.EXCHANGE, key.exchange());
                }
            }
        }).build();
    }

    private static String bearerKey(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    private static boolean takesJson(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static boolean json(HttpHeaders headers) {
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            return type.getType().equalsIgnoreCase("application")
                    && (subtype.equals("json") || subtype.endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
