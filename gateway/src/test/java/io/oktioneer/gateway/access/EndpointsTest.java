package io.oktioneer.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static Endpoints.Methods of(String path) {
        return Endpoints.methods(RequestPath.segments(path).orElseThrow());
    }

    @Test
    void everyPublicEndpointHasItsMethods() {
        assertThat(of("/api/v1/users/u42").allow()).isEqualTo("GET, HEAD, PUT, DELETE, OPTIONS");
        assertThat(of("/api/v1/users/u42/preferences").allow()).isEqualTo("GET, HEAD, POST, OPTIONS");
        assertThat(of("/api/v1/users/u42/preferences/p1").allow()).isEqualTo("GET, HEAD, PUT, DELETE, OPTIONS");
        assertThat(of("/api/v1/users/u42/spending").allow()).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(of("/api/v1/auctions/evaluate").allow()).isEqualTo("POST, OPTIONS");
        assertThat(of("/api/v1/auctions/result").allow()).isEqualTo("POST, OPTIONS");
        assertThat(of("/api/v1/auctions/ex-paris/A-1").allow()).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(of("/api/v1/analytics/summary").allow()).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(of("/api/v1/admin/api-keys").allow()).isEqualTo("GET, HEAD, POST, OPTIONS");
        assertThat(of("/api/v1/admin/api-keys/k1").allow()).isEqualTo("DELETE, OPTIONS");
        assertThat(of("/api-docs/auction").allow()).isEqualTo("GET, OPTIONS");
        assertThat(of("/api/v1/auctions/evaluate").allows("GET")).isFalse();
        assertThat(of("/api/v1/auctions/evaluate").allows("POST")).isTrue();
    }

    @Test
    void otherPathsAreNoEndpoint() {
        for (String path : List.of("/", "/api", "/api/v1/users", "/api/v1/users/", "/api/v1/users/u42/other",
                "/api/v1/users/u42/preferences/p1/x", "/api/v1/auctions/ex", "/api/v1/auctions/ex/A/B",
                "/api/v1/analytics/other", "/api/v1/admin/other", "/api-docs/other", "/api/v2/users/u42",
                "/actuator/health")) {
            assertThat(of(path)).as(path).isNull();
        }
        assertThat(Endpoints.KNOWN.allows("TRACE")).isFalse();
        assertThat(Endpoints.KNOWN.allows("PATCH")).isTrue();
    }
}
