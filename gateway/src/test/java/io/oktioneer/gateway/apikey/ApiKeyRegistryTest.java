package io.oktioneer.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

    private final ApiKeyRegistry registry = new ApiKeyRegistry();

    @Test
    void keysAreRandomAndStoredOnlyAsTheirSha256() {
        String key = ApiKeySecrets.newKey();
        assertThat(key).startsWith("okt_").hasSize(47).isNotEqualTo(ApiKeySecrets.newKey());
        assertThat(ApiKeySecrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void authenticatesActiveKeysOnly() {
        String key = ApiKeySecrets.newKey();
        ApiKey apiKey = new ApiKey("id-1", Role.BIDDER, null, null, null);
        registry.activate(ApiKeySecrets.hash(key), apiKey);
        assertThat(registry.authenticate(key)).isEqualTo(apiKey);
        assertThat(registry.authenticate(key + "x")).isNull();
        assertThat(registry.authenticate(null)).isNull();
        assertThat(registry.authenticate("x".repeat(10_000))).isNull();

        registry.revoke("id-1");
        assertThat(registry.authenticate(key)).isNull();
    }

    @Test
    void appliesStoredChanges() {
        ApiKey one = new ApiKey("id-1", Role.USER, "u1", null, null);
        ApiKey two = new ApiKey("id-2", Role.EXCHANGE, null, "ex", null);
        Instant now = Instant.now();
        registry.apply(List.of(new StoredApiKey(one, ApiKeySecrets.hash("k1"), now, false, now),
                new StoredApiKey(two, ApiKeySecrets.hash("k2"), now, false, now)));
        assertThat(registry.size()).isEqualTo(2);

        registry.apply(List.of(new StoredApiKey(one, ApiKeySecrets.hash("k1"), now, true, now)));
        assertThat(registry.authenticate("k1")).isNull();
        assertThat(registry.authenticate("k2")).isEqualTo(two);
    }

    @Test
    void aStaleRowReadBeforeTheRevocationDoesNotBringTheKeyBack() {
        ApiKey key = new ApiKey("id-1", Role.BIDDER, null, null, null);
        Instant now = Instant.now();
        StoredApiKey readBeforeTheRevoke = new StoredApiKey(key, ApiKeySecrets.hash("k1"), now, false, now);
        registry.activate(ApiKeySecrets.hash("k1"), key);

        registry.revoke("id-1");
        registry.apply(List.of(readBeforeTheRevoke));

        assertThat(registry.authenticate("k1")).isNull();
        assertThat(registry.size()).isZero();
    }
}
