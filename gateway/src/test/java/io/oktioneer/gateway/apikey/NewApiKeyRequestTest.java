package io.oktioneer.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.apikey.NewApiKeyRequest.FieldError;
import io.oktioneer.gateway.apikey.NewApiKeyRequest.RateLimitRequest;
import io.oktioneer.gateway.ratelimit.Limit;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewApiKeyRequestTest {

    private static List<String> badFields(NewApiKeyRequest request) {
        return catchThrowableOfType(NewApiKeyRequest.InvalidException.class, request::validate).errors().stream()
                .map(FieldError::field).toList();
    }

    @Test
    void acceptsEachRoleWithWhatItNeeds() {
        assertThat(new NewApiKeyRequest("BIDDER", null, null, null).validate())
                .isEqualTo(new NewApiKeyRequest.Valid(Role.BIDDER, null, null, null));
        assertThat(new NewApiKeyRequest("ADMIN", null, null, null).validate().role()).isEqualTo(Role.ADMIN);
        assertThat(new NewApiKeyRequest("USER", "User.42_a-b", null, null).validate().userId()).isEqualTo("User.42_a-b");
        assertThat(new NewApiKeyRequest("EXCHANGE", null, "ex-paris.1", null).validate().exchange()).isEqualTo("ex-paris.1");
        assertThat(new NewApiKeyRequest("BIDDER", null, null,
                new RateLimitRequest(new BigDecimal("100"), new BigDecimal("200.0"))).validate().rateLimit())
                .isEqualTo(new Limit(100, 200));
    }

    @Test
    void userKeysNeedAUserIdAndExchangeKeysAnExchange() {
        assertThat(badFields(new NewApiKeyRequest("USER", null, null, null))).containsExactly("userId");
        assertThat(badFields(new NewApiKeyRequest("EXCHANGE", null, null, null))).containsExactly("exchange");
    }

    @Test
    void identitiesFollowTheIdSyntaxAndBelongToTheirRole() {
        assertThat(badFields(new NewApiKeyRequest("USER", "a b", null, null))).containsExactly("userId");
        assertThat(badFields(new NewApiKeyRequest("USER", "x".repeat(65), null, null))).containsExactly("userId");
        assertThat(badFields(new NewApiKeyRequest("EXCHANGE", null, "Ex-Paris", null))).containsExactly("exchange");
        assertThat(badFields(new NewApiKeyRequest("EXCHANGE", null, "", null))).containsExactly("exchange");
        assertThat(badFields(new NewApiKeyRequest("BIDDER", "u1", "ex", null))).containsExactly("userId", "exchange");
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        assertThat(badFields(new NewApiKeyRequest(null, null, null, null))).containsExactly("role");
        assertThat(badFields(new NewApiKeyRequest("root", "bad id", "BAD", new RateLimitRequest(new BigDecimal("1.5"), null))))
                .containsExactly("role", "userId", "exchange", "rateLimit.perSecond", "rateLimit.burst");
        assertThat(badFields(new NewApiKeyRequest("BIDDER", null, null,
                new RateLimitRequest(BigDecimal.ZERO, new BigDecimal("1000000001")))))
                .containsExactly("rateLimit.perSecond", "rateLimit.burst");
    }
}
