package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogsTest {

    private static JsonNode line(String logger, String message, String traceId) {
        String trace = traceId == null ? "" : ",\"traceId\":\"" + traceId + "\",\"spanId\":\"00f067aa0ba902b7\"";
        return ObservabilityFiles.JSON.readTree("{\"@timestamp\":\"2026-11-27T07:55:12.221Z\",\"log\":{\"level\":\"DEBUG\","
                + "\"logger\":\"" + logger + "\"},\"service\":{\"name\":\"x\"},\"message\":\"" + message + "\"" + trace + "}");
    }

    @Test
    void requestLinesAreTheRequestLoggersLinesWrittenInsideARequest() {
        assertThat(Logs.isRequestLine(line(Logs.MVC_REQUEST_LOGGER, "POST \\\"/api/v1/x\\\", parameters={}", null))).isTrue();
        assertThat(Logs.isRequestLine(line(Logs.MVC_REQUEST_LOGGER, "Completed 200 OK", null))).isTrue();
        assertThat(Logs.isRequestLine(line(Logs.ENGINE_REQUEST_LOGGER, "POST \\\"/internal/v1/decisions\\\"", null))).isTrue();
        assertThat(Logs.isRequestLine(line(Logs.ENGINE_REQUEST_LOGGER, "Completed 200", null))).isTrue();
        assertThat(Logs.isRequestLine(line(Logs.WEBFLUX_REQUEST_LOGGER, "[7e3f1a2b-1] Completed 200 OK", null))).isTrue();

        assertThat(Logs.isRequestLine(line(Logs.MVC_REQUEST_LOGGER, "Initializing Servlet 'dispatcherServlet'", null)))
                .isFalse();
        assertThat(Logs.isRequestLine(line(Logs.WEBFLUX_REQUEST_LOGGER, "[7e3f1a2b-1] HTTP GET \\\"/x\\\"", null)))
                .isFalse();
        assertThat(Logs.isRequestLine(line("io.oktioneer.Foo", "Completed 200 OK", null))).isFalse();
        assertThat(Logs.isRequestLine(line(Logs.MVC_REQUEST_LOGGER, "Completed initialization in 4 ms", null))).isFalse();
    }

    @Test
    void theTraceIdIsReadUnderBootsAndEcsNames() {
        assertThat(Logs.traceId(line("a", "m", "4bf92f3577b34da6a3ce929d0e0e4736"))).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(Logs.traceId(ObservabilityFiles.JSON.readTree("{\"trace\":{\"id\":\"abc\"}}"))).isEqualTo("abc");
        assertThat(Logs.traceId(ObservabilityFiles.JSON.readTree("{\"trace.id\":\"abc\"}"))).isEqualTo("abc");
        assertThat(Logs.traceId(line("a", "m", null))).isEmpty();
    }

    @Test
    void theRequestIdIsReadUnderItsEcsName() {
        assertThat(Logs.requestId(ObservabilityFiles.JSON.readTree("{\"http.request.id\":\"r-1\"}"))).isEqualTo("r-1");
        assertThat(Logs.requestId(ObservabilityFiles.JSON.readTree("{\"http\":{\"request\":{\"id\":\"r-2\"}}}")))
                .isEqualTo("r-2");
        assertThat(Logs.requestId(line("a", "m", "4bf92f3577b34da6a3ce929d0e0e4736"))).isEmpty();
    }

    @Test
    void actuatorRequestsAreRecognisedByTheirFirstLine() {
        assertThat(Logs.isActuatorRequestLine(line(Logs.MVC_REQUEST_LOGGER,
                "GET \\\"/actuator/health/readiness\\\", parameters={}", null))).isTrue();
        assertThat(Logs.isActuatorRequestLine(line(Logs.MVC_REQUEST_LOGGER,
                "GET \\\"/actuator\\\", parameters={}", null))).isTrue();
        assertThat(Logs.isActuatorRequestLine(line(Logs.MVC_REQUEST_LOGGER,
                "POST \\\"/api/v1/auctions/evaluate\\\", parameters={}", null))).isFalse();
        assertThat(Logs.isActuatorRequestLine(line(Logs.MVC_REQUEST_LOGGER,
                "GET \\\"/actuatorx\\\", parameters={}", null))).isFalse();
        assertThat(Logs.isActuatorRequestLine(line(Logs.MVC_REQUEST_LOGGER, "Completed 200 OK", null))).isFalse();
    }
}
