package io.oktioneer.support.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every Spring MVC error of a service as RFC 9457 {@code application/problem+json}, the same in every service:
 * invalid fields 400 with an {@code errors} array of {field, message}, a malformed body 400, a
 * {@link ProblemException} with its own status, detail, members and headers, PostgreSQL unavailable 503 with
 * {@code Retry-After}, Spring MVC's own refusals (405, 406, 415, ...) with their status, anything else 500
 * without internals. Never a stack trace, never a 5xx for bad input. The {@code type} is {@code about:blank}, so
 * the {@code title} is the status' phrase (RFC 9457 §4.2.1) and the {@code detail} says what happened.
 * Registered by {@code ServiceWebConfiguration}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    public static final String INVALID_DETAIL = "The request has invalid fields.";
    public static final String MALFORMED_DETAIL = "The body must be a well-formed JSON object of the right shape.";
    public static final String DATABASE_DETAIL = "The database is unavailable; retry shortly.";
    public static final String UNEXPECTED_DETAIL = "Unexpected error.";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_DETAIL, request);
        problem.setProperty("errors", e.errors());
        return answer(problem, HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e, HttpServletRequest request) {
        if (e.getCause() != null) {
            log.warn("{} on {}: {}", e.status().value(), request.getRequestURI(), e.getCause().toString());
        }
        ProblemDetail problem = problem(e.status(), e.getMessage(), request);
        e.properties().forEach(problem::setProperty);
        return answer(problem, e.headers());
    }

    /**
     * PostgreSQL unreachable or not answering (no connection from the pool, a lost session, a time-out): 503,
     * never 500.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class, SQLTransientConnectionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("database unavailable on {}: {}", request.getRequestURI(), e.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return answer(problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_DETAIL, request), headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {}", request.getRequestURI(), e);
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED_DETAIL, request), HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, MALFORMED_DETAIL);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Spring MVC's own answers (405, 406, 415, a malformed body, ...): problem+json with the request path. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer == null || !(answer.getBody() instanceof ProblemDetail problem)) {
            return answer;
        }
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(answer.getHeaders());
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, problemHeaders, answer.getStatusCode());
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
