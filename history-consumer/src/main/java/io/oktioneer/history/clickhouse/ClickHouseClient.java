package io.oktioneer.history.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * ClickHouse over its HTTP interface, with the JDK client: DDL, bulk inserts of a whole batch in one request
 * (TabSeparated body), and small queries answered as TabSeparated text. No ClickHouse driver: the current
 * JDBC drivers refuse 18.16 and client-v2's binary readers fail on it, while the plain HTTP interface is the
 * same on every version. ClickHouse's own response compression is never requested (broken on 18.16).
 */
public final class ClickHouseClient {

    private final ClickHouseProperties properties;
    private final HttpClient http;
    private final String authorization;

    public ClickHouseClient(ClickHouseProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (properties.user() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
    }

    public String database() {
        return properties.database();
    }

    /** {@code `database`.`table`}. */
    public String qualified(String table) {
        return "`" + properties.database() + "`.`" + table + "`";
    }

    /** Runs a statement that returns nothing (DDL, INSERT ... VALUES). */
    public void execute(String sql) {
        send(request("wait_end_of_query=1", properties.queryTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build());
    }

    /** Runs a query and returns its whole answer as text; add {@code FORMAT TabSeparated} to the SQL. */
    public String query(String sql) {
        return send(request("wait_end_of_query=1", properties.queryTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build());
    }

    /**
     * One INSERT of {@code length} bytes of TabSeparated rows into {@code table} of the configured database, the
     * rows holding {@code columns} in order (the table's other columns take their defaults).
     */
    public void insertTabSeparated(String table, List<String> columns, byte[] rows, int offset, int length) {
        String insert = "INSERT INTO " + qualified(table) + " (" + String.join(", ", columns)
                + ") FORMAT TabSeparated";
        send(request("query=" + URLEncoder.encode(insert, StandardCharsets.UTF_8).replace("+", "%20"),
                properties.insertTimeout())
                .header("Content-Type", "text/tab-separated-values; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(rows, offset, length)).build());
    }

    /** True when the server answers a trivial query within the connect timeout. */
    public boolean ping() {
        try {
            return "1".equals(send(request("", properties.connectTimeout().plus(Duration.ofSeconds(1)))
                    .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build()).strip());
        } catch (ClickHouseException e) {
            return false;
        }
    }

    private HttpRequest.Builder request(String parameters, Duration timeout) {
        String base = properties.url().toString();
        String separator = base.contains("?") ? "&" : (base.endsWith("/") ? "?" : "/?");
        return HttpRequest.newBuilder(URI.create(base + separator + parameters))
                .timeout(timeout)
                .header("Authorization", authorization);
    }

    private String send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClickHouseException("ClickHouse unreachable at " + properties.url() + ": " + e, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while calling ClickHouse", -1, e);
        }
        if (response.statusCode() != 200) {
            throw ClickHouseException.fromResponse(response.statusCode(), response.body());
        }
        return response.body();
    }
}
