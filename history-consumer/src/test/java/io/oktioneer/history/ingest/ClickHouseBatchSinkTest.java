package io.oktioneer.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.TsvWriter;
import io.oktioneer.history.support.HistorySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's answers and split logic against a stand-in for ClickHouse's HTTP interface (unit level: the real
 * server is exercised by the ITs). The stand-in rejects rows holding "REJECT" like ClickHouse rejects a value it
 * cannot parse, and can be made to fail the first attempts like a server that is down.
 */
class ClickHouseBatchSinkTest {

    private static final EventTable TABLE = new OneColumnTable((record, out) -> {
        out.bytes(record.value());
        out.endRow();
        return true;
    });

    private HttpServer server;
    private final List<String> stored = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ClickHouseBatchSink sink;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        ClickHouseClient client = new ClickHouseClient(HistorySettings.clickHouse("http://127.0.0.1:"
                + server.getAddress().getPort(), "default", "", "db"));
        IngestMetrics metrics = new IngestMetrics(registry, List.of("t"), List.of("topic"));
        sink = new ClickHouseBatchSink(TABLE, client, new SchemaManager(client, HistorySchema.MIGRATIONS), metrics);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getQuery();
        int status = 200;
        String answer = "0\n";
        if (query != null && query.contains("INSERT INTO `db`.`t`")) {
            if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 500;
                answer = "Code: 241, e.displayText() = DB::Exception: Memory limit exceeded";
            } else if (body.contains("REJECT")) {
                status = 500;
                answer = "Code: 27, e.displayText() = DB::Exception: Cannot parse input: expected \\t";
            } else {
                stored.addAll(List.of(body.split("\n")));
                answer = "";
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static TsvWriter batch(String... values) {
        TsvWriter rows = new TsvWriter(64);
        long offset = 0;
        for (String value : values) {
            TABLE.append(new ConsumerRecord<>("topic", 0, offset++, null, value.getBytes(StandardCharsets.UTF_8)),
                    rows);
        }
        return rows;
    }

    private double failures() {
        return registry.get("oktioneer.clickhouse.insert.failures").counter().count();
    }

    @Test
    void writesAWholeBatchInOneInsert() {
        BatchSink.Stored result = sink.write(batch("a", "b", "c"));

        assertThat(result).isEqualTo(new BatchSink.Stored(3, null));
        assertThat(stored).containsExactly("a", "b", "c");
        assertThat(registry.get("oktioneer.clickhouse.insert.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("oktioneer.clickhouse.rows.written").counter().count()).isEqualTo(3);
    }

    @Test
    void answersThatClickHouseIsUnavailableWithoutRetryingItself() {
        failuresToServe.set(1);

        BatchSink.Stored result = sink.write(batch("a", "b"));

        assertThat(result.rows()).isZero();
        assertThat(result.error()).isNotNull().satisfies(e -> assertThat(e.isDataError()).isFalse());
        assertThat(stored).isEmpty();
        assertThat(failures()).isEqualTo(1);
        assertThat(sink.write(batch("a", "b"))).isEqualTo(new BatchSink.Stored(2, null));
        assertThat(stored).containsExactly("a", "b");
    }

    @Test
    void storesEveryRowBeforeTheFirstOneClickHouseRejectsAndNoneAfterIt() {
        BatchSink.Stored result = sink.write(batch("a", "b", "c", "REJECT-1", "d", "REJECT-2", "e"));

        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.error()).isNotNull().satisfies(e -> {
            assertThat(e.isDataError()).isTrue();
            assertThat(e.getMessage()).contains("Cannot parse input");
        });
        assertThat(stored).containsExactly("a", "b", "c");
    }

    @Test
    void aRejectedFirstRowStoresNothing() {
        BatchSink.Stored result = sink.write(batch("REJECT", "a"));

        assertThat(result.rows()).isZero();
        assertThat(result.error().isDataError()).isTrue();
        assertThat(stored).isEmpty();
    }
}
