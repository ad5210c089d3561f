package io.oktioneer.preference.web;

import io.oktioneer.preference.preference.IfMatch;
import io.oktioneer.preference.problem.IfMatchRequiredException;
import io.oktioneer.preference.problem.NotFoundException;
import io.oktioneer.preference.problem.VersionMismatchException;
import io.oktioneer.preference.validation.InvalidRequestException;
import java.util.Map;
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
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 {@code application/problem+json}: validation 400 with an {@code errors} array of
 * {field, message}, malformed JSON 400, wrong media type 415 (Spring's own handling), 404, 412 (with the
 * current ETag), 428; storage outages 503; anything else 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
        return problem(problem, null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()), null);
    }

    @ExceptionHandler(VersionMismatchException.class)
    ResponseEntity<ProblemDetail> versionMismatch(VersionMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "If-Match does not match the current version " + e.currentVersion() + "; read it again.");
        problem.setProperty("currentVersion", e.currentVersion());
        return problem(problem, IfMatch.etag(e.currentVersion()));
    }

    @ExceptionHandler(IfMatchRequiredException.class)
    ResponseEntity<ProblemDetail> ifMatchRequired(IfMatchRequiredException e) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_REQUIRED,
                "A full replace needs If-Match with the ETag of the version it replaces."), null);
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> storageUnavailable(Exception e) {
        log.warn("storage unavailable: {}", e.toString());
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Storage is unavailable; try again."), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error."), null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body must be a well-formed JSON object.");
        problem.setTitle("Malformed request body");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, status);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, String etag) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (etag != null) {
            answer.eTag(etag);
        }
        return answer.body(problem);
    }
}
