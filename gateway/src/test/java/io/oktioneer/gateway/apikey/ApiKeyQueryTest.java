package io.oktioneer.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.oktioneer.contracts.Role;
import org.junit.jupiter.api.Test;

class ApiKeyQueryTest {

    @Test
    void defaultsAndFilters() {
        assertThat(ApiKeyQuery.parse(null, null, null, null, null, null))
                .isEqualTo(new ApiKeyQuery(null, null, null, null, 0, 20));
        assertThat(ApiKeyQuery.parse("USER", "u42", "ex-paris", "true", "3", "200"))
                .isEqualTo(new ApiKeyQuery(Role.USER, "u42", "ex-paris", true, 3, 200));
        assertThat(ApiKeyQuery.parse(null, null, null, "false", null, "1").offset()).isZero();
        assertThat(ApiKeyQuery.parse(null, null, null, null, "2147483647", "200").offset())
                .isEqualTo(2147483647L * 200);
    }

    @Test
    void everyBadParameterIsListed() {
        NewApiKeyRequest.InvalidException invalid = catchThrowableOfType(NewApiKeyRequest.InvalidException.class,
                () -> ApiKeyQuery.parse("user", "u 42", "Ex", "yes", "-1", "201"));
        assertThat(invalid.errors()).extracting(NewApiKeyRequest.FieldError::field)
                .containsExactly("role", "userId", "exchange", "revoked", "page", "size");
        assertThat(catchThrowableOfType(NewApiKeyRequest.InvalidException.class,
                () -> ApiKeyQuery.parse(null, null, null, null, "x", "0")).errors()).hasSize(2);
    }
}
