package io.oktioneer.contracts.security;

import io.oktioneer.contracts.InternalHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Refuses every call that does not carry the shared internal token the gateway adds (SPEC §6), so a client
 * that bypasses the gateway gets 401. Actuator endpoints (health, Prometheus) stay open for probes and
 * scraping. Plain servlet filter, registered by each MVC service.
 */
public final class InternalTokenFilter implements Filter {

    private final byte[] token;

    public InternalTokenFilter(String token) {
        if (Objects.requireNonNull(token, "internal token").isBlank()) {
            throw new IllegalArgumentException("internal token must not be blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getRequestURI().startsWith("/actuator") || valid(request.getHeader(InternalHeaders.INTERNAL_TOKEN))) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(401);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Call through the gateway.\",\"instance\":null}");
    }

    private boolean valid(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
