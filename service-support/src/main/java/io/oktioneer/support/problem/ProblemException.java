package io.oktioneer.support.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal answered as an RFC 9457 problem with its status and {@code detail} (which is shown to the caller, so
 * it names no internals). Subclasses add members ({@link #property}) and headers ({@link #header}) in their
 * constructor. Carries no stack trace; a cause, when given, is logged by the handler.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private Map<String, Object> properties;
    private HttpHeaders headers;

    public ProblemException(HttpStatus status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(HttpStatus status, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** Extra members of the problem object. */
    public Map<String, Object> properties() {
        return properties == null ? Map.of() : properties;
    }

    /** Headers of the answer, e.g. {@code Retry-After} or {@code ETag}. */
    public HttpHeaders headers() {
        return headers == null ? HttpHeaders.EMPTY : headers;
    }

    protected final void property(String name, Object value) {
        if (properties == null) {
            properties = new LinkedHashMap<>();
        }
        properties.put(name, value);
    }

    protected final void header(String name, String value) {
        if (headers == null) {
            headers = new HttpHeaders();
        }
        headers.set(name, value);
    }
}
