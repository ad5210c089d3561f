package io.oktioneer.gateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.gateway.apikey.ApiKeyRegistry;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.SpringProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's warm-up against the real PostgreSQL and Redis, with an auction-service stand-in that answers as
 * the real one does to the warm-up's calls (400 for a refused evaluation, 404 for an unknown auction): readiness
 * reports every kind of call done with the status that means it went the whole way, the routed calls reached the
 * service with the warm-up key's identity, and that key is gone afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"oktioneer.warmup.enabled=true", "oktioneer.warmup.requests=60"})
class GatewayWarmupIT {

    private static final String DATABASE = Isolation.newPostgresDatabase("gateway_warmup");
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static final DisposableServer AUCTION = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> {
                RECEIVED.add(request.method().name() + " " + request.uri() + " as "
                        + request.requestHeaders().get(InternalHeaders.KEY_ID) + "/"
                        + request.requestHeaders().get(InternalHeaders.ROLE));
                int status = "POST".equals(request.method().name()) ? 400 : 404;
                return request.receive().then(response.status(status)
                        .header("Content-Type", "application/problem+json")
                        .sendString(Mono.just("{\"status\":" + status + "}")).then());
            }).bindNow();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.redis(registry);
        registry.add("oktioneer.gateway.services.auction", () -> "http://127.0.0.1:" + AUCTION.port());
        registry.add("oktioneer.rate-limits.key-prefix", () -> Isolation.uniqueId("it_warmup") + ":");
    }

    @AfterAll
    static void stopAuction() {
        AUCTION.disposeNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyRegistry keys;

    @Test
    void readyOnlyOnceEveryKindOfCallWentTheWholeWayAndTheWarmUpKeyIsGoneAfterwards() throws Exception {
        JsonNode readiness = awaitReady();
        JsonNode warmup = readiness.path("components").path("warmup");
        assertThat(warmup.path("status").asString()).as(warmup.toString()).isEqualTo("UP");
        assertThat(warmup.path("details").path("warmup").asString()).isEqualTo("done");
        for (String kind : List.of("evaluateRefused", "auctionRead", "unauthenticated")) {
            assertThat(warmup.path("details").path(kind).asInt()).as(kind + " in " + warmup).isEqualTo(20);
        }
        assertThat(RECEIVED).hasSize(40)
                .filteredOn(call -> call.startsWith("POST /api/v1/auctions/evaluate as gateway-warmup/BIDDER"))
                .hasSize(20);
        assertThat(RECEIVED).filteredOn(call -> call.startsWith("GET /api/v1/auctions/warmup/warmup-")).hasSize(20);
        assertThat(keys.active(GatewayWarmup.KEY_ID)).isFalse();
    }

    private JsonNode awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .build();
        long deadline = System.nanoTime() + 90_000_000_000L;
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
