package io.oktioneer.preference.cache;

import static io.oktioneer.preference.TestHttp.preferenceBody;
import static io.oktioneer.preference.TestHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.contracts.Topics;
import io.oktioneer.preference.TestHttp;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.SpringProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Redis read-through cache, on a Redis of this test's own: a second read comes from Redis (a row changed
 * behind the cache's back stays unseen until a write invalidates), entries carry the configured TTL, and a
 * stopped Redis leaves reads and writes correct, served by PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oktioneer.cache.preference-ttl=2m", "oktioneer.cache.redis-retry-interval=200ms",
        "oktioneer.cache.invalidation-retry-millis=100"})
class PreferenceCacheIT {

    private static final PrivateServer REDIS = PrivateServer.start(Server.REDIS);
    private static final String DATABASE = Isolation.newPostgresDatabase("preference_cache");
    private static final String ID = Isolation.uniqueId("prefcache");
    private static final String PREFIX = ID + ":";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.kafka(registry);
        SpringProperties.redis(registry, REDIS);
        registry.add("oktioneer.cache.key-prefix", () -> PREFIX);
        registry.add("oktioneer.kafka.topics.preferences", () -> Isolation.topic(Topics.PREFERENCES, ID));
    }

    @AfterAll
    static void closeRedis() {
        REDIS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    TestHttp http;
    String user;
    String location;

    @BeforeEach
    void userWithOnePreference() {
        http = new TestHttp(port);
        user = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/api/v1/users/" + user, Map.of("displayName", "Ada")).statusCode()).isEqualTo(201);
        location = http.post(prefs(), preferenceBody()).headers().firstValue("Location").orElseThrow();
    }

    @Test
    void secondReadIsServedFromRedisUntilAWriteInvalidates() {
        String id = location.substring(location.lastIndexOf('/') + 1);
        double singleHits = count("preference", "hit");
        double pageHits = count("preference_page", "hit");
        assertThat(nameAt(location)).isEqualTo("Vintage watches");
        assertThat(listedName()).isEqualTo("Vintage watches");
        assertThat(nameAt(location)).isEqualTo("Vintage watches");
        assertThat(listedName()).isEqualTo("Vintage watches");
        assertThat(count("preference", "hit")).isEqualTo(singleHits + 1);
        assertThat(count("preference_page", "hit")).isEqualTo(pageHits + 1);

        // Changed behind the cache's back: reads keep answering the cached state...
        jdbc.update("UPDATE preferences SET name = 'changed behind the cache' WHERE id = ?::uuid", id);
        assertThat(nameAt(location)).isEqualTo("Vintage watches");
        assertThat(listedName()).isEqualTo("Vintage watches");

        // ...which lives in Redis with the configured TTL...
        Set<String> keys = redis.keys(PREFIX + "{" + user + "}:*:p:" + id);
        assertThat(keys).hasSize(1);
        Long ttl = redis.getExpire(keys.iterator().next(), TimeUnit.MILLISECONDS);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());

        // ...until a write of that user invalidates everything cached for the user.
        assertThat(http.post(prefs(), Map.of("maxBid", 1, "currency", "EUR")).statusCode()).isEqualTo(201);
        assertThat(nameAt(location)).isEqualTo("changed behind the cache");
        assertThat(listedName()).isEqualTo("changed behind the cache");

        // A replace is seen by the next read (read-your-writes), not the cached version.
        Map<String, Object> body = new HashMap<>(preferenceBody());
        body.put("name", "replaced");
        assertThat(http.put(location, body, "If-Match", "\"1\"").statusCode()).isEqualTo(200);
        HttpResponse<String> read = http.get(location);
        assertThat(tree(read).get("name").asString()).isEqualTo("replaced");
        assertThat(read.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void redisDownReadsAndWritesStayCorrectAndTheCacheComesBack() throws Exception {
        assertThat(nameAt(location)).isEqualTo("Vintage watches");
        assertThat(nameAt(location)).isEqualTo("Vintage watches");
        REDIS.stop();
        try {
            double errors = count("preference", "error");
            assertThat(nameAt(location)).isEqualTo("Vintage watches");
            assertThat(listedName()).isEqualTo("Vintage watches");

            Map<String, Object> body = new HashMap<>(preferenceBody());
            body.put("name", "written while Redis was down");
            assertThat(http.put(location, body, "If-Match", "\"1\"").statusCode()).isEqualTo(200);
            assertThat(nameAt(location)).isEqualTo("written while Redis was down");
            assertThat(listedName()).isEqualTo("written while Redis was down");
            assertThat(count("preference", "error")).isGreaterThan(errors);

            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
        } finally {
            REDIS.restart();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double hits = count("preference", "hit");
        while (count("preference", "hit") == hits && System.nanoTime() < deadline) {
            assertThat(nameAt(location)).isEqualTo("written while Redis was down");
            Thread.sleep(50);
        }
        assertThat(count("preference", "hit")).as("cache hits again after Redis is back").isGreaterThan(hits);
    }

    private String nameAt(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tree(response).get("name").asString();
    }

    private String listedName() {
        HttpResponse<String> response = http.get(prefs());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tree(response).get("content").get(0).get("name").asString();
    }

    private double count(String cache, String result) {
        return meters.get("oktioneer.cache.requests").tag("cache", cache).tag("result", result).counter().count();
    }

    private String prefs() {
        return "/api/v1/users/" + user + "/preferences";
    }
}
