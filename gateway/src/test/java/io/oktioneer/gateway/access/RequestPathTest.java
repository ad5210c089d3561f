package io.oktioneer.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestPathTest {

    @Test
    void splitsAndDecodesSegments() {
        assertThat(RequestPath.segments("/api/v1/users/u42/preferences")).hasValue(List.of("api", "v1", "users", "u42", "preferences"));
        assertThat(RequestPath.segments("/api/v1/users/u%34%32")).hasValue(List.of("api", "v1", "users", "u42"));
        assertThat(RequestPath.segments("/api/v1/auctions/ex/50%25off")).hasValue(List.of("api", "v1", "auctions", "ex", "50%off"));
        assertThat(RequestPath.segments("/api/v1/auctions/ex/caf%C3%A9")).hasValue(List.of("api", "v1", "auctions", "ex", "café"));
        assertThat(RequestPath.segments("/")).hasValue(List.of(""));
        assertThat(RequestPath.segments("/api/v1/users/")).hasValue(List.of("api", "v1", "users", ""));
        assertThat(RequestPath.segments("/a/.well-known/..x")).hasValue(List.of("a", ".well-known", "..x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api/v1", "/api/v1/users/u42/../u7", "/api/v1/users/u42/%2e%2E/u7", "/api/./v1",
            "/api//v1", "/api/v1/users/u42;x=1", "/api/v1/users/u42%", "/api/v1/users/u42%zz", "/api/v1\\users",
            "/api/v1/users/%C3", "/api/v1/users/..", "/api/v1/auctions/ex/A%2F1", "/api/v1/users/a%2fb",
            "/api/v1/users/a%5Cb", "/api/v1/users/a%5cb", "/api/v1/users/a%252Fb", "/api/v1/users/a%2525", "/api/v1/users/a%00",
            "/api/v1/users/a%0A", "/api/v1/users/%2E%2E", "/api/v1/users/u42/%2e", "/api/v1/users/u;a"})
    void refusesWhatAServiceWouldReadDifferently(String path) {
        assertThat(RequestPath.segments(path)).isEmpty();
    }
}
