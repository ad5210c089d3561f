package io.oktioneer.gateway.access;

import static io.oktioneer.gateway.access.AccessPolicy.Access.ALLOWED;
import static io.oktioneer.gateway.access.AccessPolicy.Access.FORBIDDEN;
import static io.oktioneer.gateway.access.AccessPolicy.Access.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.access.AccessPolicy.Access;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static Access decide(String method, String path, Role role, String userId) {
        List<String> segments = RequestPath.segments(path).orElseThrow();
        return AccessPolicy.decide(method, segments, role, userId);
    }

    @Test
    void adminMayCallEveryApiPath() {
        for (String path : List.of("/api/v1/admin/api-keys", "/api/v1/analytics/summary", "/api/v1/users/u1/spending",
                "/api/v1/users", "/api/v1/auctions/evaluate", "/api/v1/auctions/result", "/api/v1/auctions/ex/A")) {
            assertThat(decide("POST", path, Role.ADMIN, null)).as(path).isEqualTo(ALLOWED);
        }
    }

    @Test
    void adminAndAnalyticsAreAdminOnly() {
        for (Role role : List.of(Role.BIDDER, Role.EXCHANGE, Role.USER)) {
            assertThat(decide("POST", "/api/v1/admin/api-keys", role, "u1")).isEqualTo(FORBIDDEN);
            assertThat(decide("GET", "/api/v1/analytics/summary", role, "u1")).isEqualTo(FORBIDDEN);
        }
    }

    @Test
    void bidderEvaluatesAndReadsAuctionsOnly() {
        assertThat(decide("POST", "/api/v1/auctions/evaluate", Role.BIDDER, null)).isEqualTo(ALLOWED);
        assertThat(decide("GET", "/api/v1/auctions/ex-paris/A-1", Role.BIDDER, null)).isEqualTo(ALLOWED);
        assertThat(decide("POST", "/api/v1/auctions/result", Role.BIDDER, null)).isEqualTo(FORBIDDEN);
        assertThat(decide("DELETE", "/api/v1/auctions/ex-paris/A-1", Role.BIDDER, null)).isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/auctions/ex-paris/A-1/more", Role.BIDDER, null)).isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/users/u1/spending", Role.BIDDER, null)).isEqualTo(FORBIDDEN);
    }

    @Test
    void exchangePostsResultsOnly() {
        assertThat(decide("POST", "/api/v1/auctions/result", Role.EXCHANGE, null)).isEqualTo(ALLOWED);
        assertThat(decide("POST", "/api/v1/auctions/evaluate", Role.EXCHANGE, null)).isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/auctions/ex-paris/A-1", Role.EXCHANGE, null)).isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/users/u1/preferences", Role.EXCHANGE, null)).isEqualTo(FORBIDDEN);
    }

    @Test
    void userReachesOnlyItsOwnUserPaths() {
        assertThat(decide("PUT", "/api/v1/users/u1", Role.USER, "u1")).isEqualTo(ALLOWED);
        assertThat(decide("GET", "/api/v1/users/u1/preferences/abc", Role.USER, "u1")).isEqualTo(ALLOWED);
        assertThat(decide("GET", "/api/v1/users/u1/spending", Role.USER, "u1")).isEqualTo(ALLOWED);
        assertThat(decide("GET", "/api/v1/users/u2/spending", Role.USER, "u1")).isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/users/U1", Role.USER, "u1")).as("ids are case-sensitive").isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/users", Role.USER, "u1")).isEqualTo(FORBIDDEN);
        assertThat(decide("GET", "/api/v1/users/u1%20", Role.USER, "u1")).isEqualTo(FORBIDDEN);
        assertThat(RequestPath.segments("/api/v1/users/u1%2F..%2Fu2")).as("refused before the policy").isEmpty();
        assertThat(decide("POST", "/api/v1/auctions/evaluate", Role.USER, "u1")).isEqualTo(FORBIDDEN);
    }

    @Test
    void pathsOutsideTheApiAreNotFoundForEveryone() {
        for (Role role : Role.values()) {
            assertThat(decide("GET", "/api/v1/nothing", role, "u1")).isEqualTo(NOT_FOUND);
            assertThat(decide("GET", "/api/v2/users/u1", role, "u1")).isEqualTo(NOT_FOUND);
            assertThat(decide("GET", "/api", role, "u1")).isEqualTo(NOT_FOUND);
        }
    }
}
