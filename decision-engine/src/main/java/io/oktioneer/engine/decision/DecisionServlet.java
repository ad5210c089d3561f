package io.oktioneer.engine.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.engine.index.Decision;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.engine.index.PreferenceIndex;
import io.oktioneer.engine.web.ServerObservationConfig;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import io.oktioneer.support.problem.ProblemHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /internal/v1/decisions}: the ranked candidates of one auction (contracts.engine). Internal: the
 * gateway does not route it and the internal token is required (the token filter runs before this servlet).
 *
 * <p>A plain servlet on Tomcat rather than a Spring MVC controller: the decision costs microseconds, and
 * DispatcherServlet (handler lookup, argument resolution, message converters, Jackson data binding) cost a
 * millisecond of CPU per call around it. The JSON is read and written with Jackson's streaming API
 * ({@link DecisionJson}); errors are RFC 9457 problems as before: 400 (malformed body, or every invalid field
 * listed), 415 (not JSON), 405 (not POST), 503 while the index loads, 500 without internals.
 */
public final class DecisionServlet extends HttpServlet {

    public static final String PATH = "/internal/v1/decisions";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(DecisionServlet.class);

    private final transient PreferenceIndex index;
    private final transient IndexReadiness readiness;
    private final transient DecisionRequests requests;
    private final transient Timer latency;

    DecisionServlet(PreferenceIndex index, IndexReadiness readiness, DecisionRequests requests,
                           MeterRegistry meters) {
        this.index = index;
        this.readiness = readiness;
        this.requests = requests;
        this.latency = Timer.builder("oktioneer.engine.decision.latency")
                .description("Time the index takes to decide one auction")
                .serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000),
                        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
                        Duration.ofMillis(1), Duration.ofMillis(5))
                .register(meters);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The request lines Spring MVC's DispatcherServlet writes at DEBUG, which this endpoint bypasses; only for
        // a traced decision, the only kind whose observation (trace and request ids) is in scope here.
        boolean requestLines = log.isDebugEnabled()
                && ServerObservationConfig.sampled(request.getHeader("traceparent"));
        if (requestLines) {
            log.debug("{} \"{}\"", request.getMethod(), request.getRequestURI());
        }
        try {
            answer(request, response);
        } finally {
            if (requestLines) {
                log.debug("Completed {}", response.getStatus());
            }
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                problem(response, 405, "Method Not Allowed", "Only POST is supported.", List.of());
                return;
            }
            if (!isJson(request.getContentType())) {
                problem(response, 415, "Unsupported Media Type", "Content-Type must be application/json.", List.of());
                return;
            }
            EngineRequest body = DecisionJson.readRequest(request.getInputStream());
            DecisionQuery query = requests.toQuery(body);
            if (!readiness.indexLoaded()) {
                response.setHeader("Retry-After", "1");
                problem(response, 503, "Index loading", "The preference index is still loading.", List.of());
                return;
            }
            Decision decision = new Decision(query.maxCandidates());
            long start = System.nanoTime();
            index.decide(query, decision);
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            write(response, 200, "application/json", DecisionJson.writeDecision(decision));
        } catch (DecisionJson.MalformedBodyException e) {
            problem(response, 400, "Bad Request", ProblemHandler.MALFORMED_DETAIL, List.of());
        } catch (InvalidRequestException e) {
            problem(response, 400, "Bad Request", ProblemHandler.INVALID_DETAIL, e.errors());
        } catch (IOException e) {
            throw e; // the client went away: nothing to answer
        } catch (RuntimeException e) {
            log.error("unexpected error", e);
            if (!response.isCommitted()) {
                problem(response, 500, "Internal Server Error", ProblemHandler.UNEXPECTED_DETAIL, List.of());
            }
        }
    }

    /** {@code application/json}, with or without parameters (charset). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).trim();
        return type.equalsIgnoreCase("application/json");
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail,
                                List<FieldError> errors) throws IOException {
        write(response, status, PROBLEM_JSON, DecisionJson.writeProblem(status, title, detail, errors));
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
