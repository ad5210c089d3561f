package io.oktioneer.systemtest;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * How the checks read the services' ECS log lines. Request lines are the ones Spring's request loggers write for
 * each HTTP request (the platform turns them on at DEBUG): they are written inside the request's trace.
 */
final class Logs {

    static final String MVC_REQUEST_LOGGER = "org.springframework.web.servlet.DispatcherServlet";
    static final String WEBFLUX_REQUEST_LOGGER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";

    /** Logging settings the platform gives every service so each request writes lines. */
    static final Map<String, String> REQUEST_LOGGING = Map.of(
            "logging.level." + MVC_REQUEST_LOGGER, "DEBUG",
            "logging.level." + WEBFLUX_REQUEST_LOGGER, "DEBUG");

    private static final Set<String> REQUEST_LOGGERS = Set.of(MVC_REQUEST_LOGGER, WEBFLUX_REQUEST_LOGGER);

    private Logs() {
    }

    static boolean isRequestLine(JsonNode line) {
        return REQUEST_LOGGERS.contains(line.path("log").path("logger").asString(""));
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
}
