package io.oktioneer.auction.web;

import io.oktioneer.support.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A state or permission failure answered as an RFC 9457 problem (403, 404, 409, 422, 503). */
public final class ApiProblem extends ProblemException {

    private ApiProblem(HttpStatus status, String detail) {
        super(status, detail);
    }

    private ApiProblem(HttpStatus status, String detail, int retryAfterSeconds) {
        super(status, detail);
        header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
    }

    /** 503 with {@code Retry-After}: the service sheds load rather than queueing without bound. */
    public static ApiProblem overloaded(String detail, int retryAfterSeconds) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfterSeconds);
    }

    public static ApiProblem of(HttpStatus status, String detail) {
        return new ApiProblem(status, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    public static ApiProblem unprocessable(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    /** 503 with {@code Retry-After: 1}: a dependency (the database) is unavailable, or did not answer in time. */
    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, 1);
    }
}
