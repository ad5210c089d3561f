package io.oktioneer.testsupport;

/**
 * Stops and restarts a shared server for failure tests (Kafka down, ClickHouse down, Redis down). A stopped
 * server must be started again by the same test, in a finally block, since the other tests share it.
 */
public interface ServerControl {

    void stop(Server server);

    /** Starts the server and returns once it is ready. */
    void start(Server server);
}
