package io.oktioneer.history.analytics;

import io.oktioneer.support.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** ClickHouse cannot answer now: 503 (the cause is logged, not shown). */
public final class AnalyticsUnavailableException extends ProblemException {

    public AnalyticsUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "The analytics store is unavailable; try again later.", cause);
    }
}
