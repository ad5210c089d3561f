package io.oktioneer.systemtest;

import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * How the checks read the services' ECS log lines. Request lines are the ones Spring's request loggers write for
 * each HTTP request (the platform turns them on at DEBUG) while the request's observation is open: Spring MVC's
 * {@code GET "/path", parameters=…} and {@code Completed 200 OK}, WebFlux's {@code [id] Completed 200 OK}.
 * (WebFlux's {@code [id] HTTP GET "/path"} is written before the server observation starts, so it has no trace
 * to carry; the loggers' initialisation lines are not request lines either.)
 */
final class Logs {

    static final String MVC_REQUEST_LOGGER = "org.springframework.web.servlet.DispatcherServlet";
    static final String WEBFLUX_REQUEST_LOGGER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";
    /** The decision-engine's decisions endpoint bypasses Spring MVC and writes the same lines itself. */
    static final String ENGINE_REQUEST_LOGGER = "io.oktioneer.engine.decision.DecisionServlet";

    /** Logging settings the platform gives every service so each request writes lines. */
    static final Map<String, String> REQUEST_LOGGING = Map.of(
            "logging.level." + MVC_REQUEST_LOGGER, "DEBUG",
            "logging.level." + WEBFLUX_REQUEST_LOGGER, "DEBUG",
            "logging.level." + ENGINE_REQUEST_LOGGER, "DEBUG");

    private static final Pattern MVC_REQUEST_MESSAGE =
            Pattern.compile("^((GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \"|Completed \\d{3}|Failed to complete request)");
    private static final Pattern WEBFLUX_REQUEST_MESSAGE = Pattern.compile("^\\[[^]]+] Completed \\d{3}");

    private Logs() {
    }

    /** Spring Boot's "Started XApplication in 4.2 seconds" line: the service has finished starting. */
    static boolean isStartedLine(JsonNode line) {
        return line.path("log").path("logger").asString("").endsWith("Application")
                && line.path("message").asString("").startsWith("Started ");
    }

    /** MVC's first request line names the path: {@code GET "/actuator/health/readiness", parameters={}}. */
    static boolean isActuatorRequestLine(JsonNode line) {
        return line.path("log").path("logger").asString("").equals(MVC_REQUEST_LOGGER)
                && line.path("message").asString("").matches("^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \"/actuator[/\"].*");
    }

    static boolean isRequestLine(JsonNode line) {
        String logger = line.path("log").path("logger").asString("");
        String message = line.path("message").asString("");
        return ((logger.equals(MVC_REQUEST_LOGGER) || logger.equals(ENGINE_REQUEST_LOGGER))
                && MVC_REQUEST_MESSAGE.matcher(message).find())
                || (logger.equals(WEBFLUX_REQUEST_LOGGER) && WEBFLUX_REQUEST_MESSAGE.matcher(message).find());
    }

    /**
     * The trace id of a line, empty when it has none: Spring Boot's ECS format writes the tracing MDC key as is
     * ({@code traceId}); ECS proper names it {@code trace.id} (accepted too, flat or nested).
     */
    static String traceId(JsonNode line) {
        for (JsonNode candidate : new JsonNode[] {line.path("traceId"), line.path("trace.id"),
                line.path("trace").path("id")}) {
            if (candidate.isString() && !candidate.asString().isBlank()) {
                return candidate.asString();
            }
        }
        return "";
    }

    /**
     * The request id of a line ({@code X-Request-Id}, which the gateway gives every call), empty when it has
     * none: the services write it as ECS's {@code http.request.id} (flat, as Boot writes renamed keys, or nested).
     */
    static String requestId(JsonNode line) {
        for (JsonNode candidate : new JsonNode[] {line.path("http.request.id"),
                line.path("http").path("request").path("id")}) {
            if (candidate.isString() && !candidate.asString().isBlank()) {
                return candidate.asString();
            }
        }
        return "";
    }
}
