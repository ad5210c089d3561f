package io.oktioneer.auction.ledger;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger writer thread's own connection, kept across batches and dropped after a connection failure (the
 * next batch opens a new one); the circuit breaker it opens; and what a failed batch's exception says about it.
 */
final class LedgerConnection {

    private static final Logger log = LoggerFactory.getLogger(LedgerConnection.class);

    static final String BREAKER = "ledger-database";

    private final DataSource dataSource;
    /** Null before the first batch and after a connection failure. */
    private Connection connection;

    LedgerConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether a connection is open, kept from an earlier batch (it may have gone stale meanwhile). */
    boolean isOpen() {
        return connection != null;
    }

    /** The writer's connection, opened when there is none (the first batch, or after a connection failure). */
    Connection get() throws SQLException {
        if (connection == null) {
            Connection opened = dataSource.getConnection();
            try {
                opened.setAutoCommit(false);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    void drop() {
        Connection dropped = connection;
        connection = null;
        if (dropped != null) {
            try {
                dropped.close();
            } catch (SQLException e) {
                log.debug("closing the ledger connection failed", e);
            }
        }
    }

    /**
     * The breaker's settings: opened by a lost connection (any connection problem, 1 of the last 5 batches is
     * enough), it fails batches at once for {@code circuitOpenFor}, then lets one batch probe the database.
     */
    static CircuitBreakerRegistry breakers(LedgerProperties properties) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.circuitOpenFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(LedgerConnection::isConnectionProblem)
                .build());
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed", e);
        }
    }

    /** The connection is gone or unusable: SQLState class 08, a terminated session (57P01-57P03), a socket time-out. */
    static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The transaction met another one's change: a budget changed since the batch read it (SQLSTATE 40001, raised by
     * the write's check), or a serialization failure or deadlock reported by PostgreSQL itself (class 40).
     */
    static boolean isConflict(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    /** The statement time-out (the batch's latest deadline) cancelled the transaction. */
    static boolean isCanceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
