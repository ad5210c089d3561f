package io.oktioneer.history.analytics;

/** ClickHouse cannot answer now: 503. */
public final class AnalyticsUnavailableException extends RuntimeException {

    public AnalyticsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
