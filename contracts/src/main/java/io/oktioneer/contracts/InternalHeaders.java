package io.oktioneer.contracts;

/**
 * Headers the gateway sets after authenticating a call. Clients can never set them: the gateway strips every
 * {@code X-Oktioneer-*} header it receives, and services refuse calls without a valid internal token.
 */
public final class InternalHeaders {

    public static final String PREFIX = "X-Oktioneer-";
    public static final String INTERNAL_TOKEN = "X-Oktioneer-Internal-Token";
    public static final String KEY_ID = "X-Oktioneer-Key-Id";
    public static final String ROLE = "X-Oktioneer-Role";
    public static final String USER_ID = "X-Oktioneer-User-Id";
    public static final String EXCHANGE = "X-Oktioneer-Exchange";
    public static final String REQUEST_ID = "X-Request-Id";

    private InternalHeaders() {
    }
}
