package io.oktioneer.auction.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Notes when a request arrived, before anything else runs, so deadlines count the time already spent. */
public final class RequestTiming extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestTiming.class.getName() + ".received";

    public static long receivedNanos(HttpServletRequest request) {
        Object received = request.getAttribute(ATTRIBUTE);
        return received instanceof Long nanos ? nanos : System.nanoTime();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, System.nanoTime());
        chain.doFilter(request, response);
    }
}
