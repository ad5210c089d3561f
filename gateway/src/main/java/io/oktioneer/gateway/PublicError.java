package io.oktioneer.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** An error of the gateway's own whose reason is written for the client and goes into the answer's detail. */
public class PublicError extends ResponseStatusException {

    public PublicError(HttpStatus status, String reason) {
        super(status, reason);
    }
}
