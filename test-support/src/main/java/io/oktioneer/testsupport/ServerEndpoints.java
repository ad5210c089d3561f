package io.oktioneer.testsupport;

/** Where the real servers of an integration test run, whichever way they were started. */
public interface ServerEndpoints {

    String postgresHost();

    int postgresPort();

    String postgresUser();

    String postgresPassword();

    default String postgresJdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
    }

    String redisHost();

    int redisPort();

    String kafkaBootstrapServers();

    /** ClickHouse HTTP interface, e.g. {@code http://127.0.0.1:18123}. */
    String clickhouseUrl();

    String clickhouseUser();

    String clickhousePassword();
}
