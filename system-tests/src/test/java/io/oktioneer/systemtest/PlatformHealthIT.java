package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One call to the gateway's health tells whether the whole platform is up: the gateway and all four services. */
class PlatformHealthIT {

    @Test
    void gatewayHealthIsUpWithEveryServiceUp() {
        Platform platform = Platform.get();

        // The platform is ready when the suite starts; the first probes of a cold gateway may still be slow.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Http.Answer health = Http.get(platform.gatewayUrl() + "/actuator/health", Map.of());
        while (health.status() != 200 && System.nanoTime() - deadline < 0) {
            ChildProcess.sleep(500);
            health = Http.get(platform.gatewayUrl() + "/actuator/health", Map.of());
        }

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        JsonNode services = health.json().path("components").path("services").path("components");
        for (String service : Platform.SERVICES) {
            if (!service.equals("gateway")) {
                assertThat(services.path(service).path("status").asString()).as(service).isEqualTo("UP");
            }
        }
    }

    @Test
    void everyReadyServiceRunsAtNormalPriority() {
        Platform platform = Platform.get();
        for (String service : Platform.SERVICES) {
            // started at nice 10 (ChildProcess#startStartingNiced), raised to 0 once ready
            assertThat(platform.service(service).niceValues()).as(service).containsOnly(0);
        }
    }
}
