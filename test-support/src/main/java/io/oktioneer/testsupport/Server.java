package io.oktioneer.testsupport;

/** The kinds of real server the tests use; names as in {@code ./oktioneer infra start|stop NAME}. */
public enum Server {
    POSTGRES("postgres"), REDIS("redis"), KAFKA("kafka"), CLICKHOUSE("clickhouse");

    private final String scriptName;

    Server(String scriptName) {
        this.scriptName = scriptName;
    }

    public String scriptName() {
        return scriptName;
    }
}
