package io.oktioneer.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InternalTokenFilterTest {

    private final InternalTokenFilter filter = new InternalTokenFilter("secret");

    @Test
    void passesACallWithTheToken() throws Exception {
        Outcome outcome = run("/api/v1/users/u1", Map.of("X-Oktioneer-Internal-Token", "secret"));
        assertThat(outcome.passed.get()).isTrue();
        assertThat(outcome.status.get()).isZero();
    }

    @Test
    void refusesAMissingOrWrongTokenWithProblemJson() throws Exception {
        for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(),
                Map.of("X-Oktioneer-Internal-Token", "guess"))) {
            Outcome outcome = run("/api/v1/users/u1", headers);
            assertThat(outcome.passed.get()).isFalse();
            assertThat(outcome.status.get()).isEqualTo(401);
            assertThat(outcome.body.toString()).contains("\"status\":401");
        }
    }

    @Test
    void leavesActuatorOpenForProbesAndScrapes() throws Exception {
        assertThat(run("/actuator/health/readiness", Map.of()).passed.get()).isTrue();
    }

    @Test
    void refusesABlankToken() {
        assertThatThrownBy(() -> new InternalTokenFilter(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private record Outcome(AtomicBoolean passed, AtomicInteger status, StringWriter body) {
    }

    private Outcome run(String uri, Map<String, String> headers) throws Exception {
        Outcome outcome = new Outcome(new AtomicBoolean(), new AtomicInteger(), new StringWriter());
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> uri;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> null;
                });
        PrintWriter writer = new PrintWriter(outcome.body, true);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        outcome.status.set((Integer) args[0]);
                        yield null;
                    }
                    case "getWriter" -> writer;
                    default -> null;
                });
        FilterChain chain = (req, res) -> outcome.passed.set(true);
        filter.doFilter(request, response, chain);
        return outcome;
    }
}
