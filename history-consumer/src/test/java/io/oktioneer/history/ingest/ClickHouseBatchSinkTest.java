package io.oktioneer.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.ClickHouseProperties;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.TsvWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The sink's retry and split logic against a stand-in for ClickHouse's HTTP interface (unit level: the real
 * server is exercised by the ITs). The stand-in rejects rows holding "REJECT" like ClickHouse rejects a value it
 * cannot parse, and can be made to fail the first attempts like a server that is down.
 */
class ClickHouseBatchSinkTest {

    private static final EventTable TABLE = new EventTable() {
        @Override
        public String name() {
            return "t";
        }

        @Override
        public List<String> columns() {
            return List.of("v");
        }

        @Override
        public boolean append(ConsumerRecord<byte[], byte[]> record, TsvWriter out) {
            out.bytes(record.value());
            out.endRow();
            return true;
        }
    };

    private HttpServer server;
    private final List<String> stored = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterPublisher deadLetters = mock(DeadLetterPublisher.class);
    private ClickHouseBatchSink sink;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        ClickHouseClient client = new ClickHouseClient(ClickHouseProperties.of("http://127.0.0.1:"
                + server.getAddress().getPort(), "default", "", "db"));
        IngestMetrics metrics = new IngestMetrics(registry, List.of("t"), List.of("topic"));
        sink = new ClickHouseBatchSink(TABLE, client, new SchemaManager(client, HistorySchema.MIGRATIONS),
                deadLetters, metrics, IngestSettings.defaults().withRetry(Duration.ofMillis(1), Duration.ofMillis(5)));
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

    private static Batch batch(String... values) {
        Batch batch = new Batch(new TsvWriter(64));
        long offset = 0;
        for (String value : values) {
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("topic", 0, offset++, null,
                    value.getBytes(StandardCharsets.UTF_8));
            batch.seen(record, 0);
            TABLE.append(record, batch.rows());
            batch.rowAdded(record);
        }
        return batch;
    }

    private double failures() {
        return registry.get("oktioneer.clickhouse.insert.failures").counter().count();
    }

    @Test
    void writesAWholeBatchInOneInsert() {
        sink.write(batch("a", "b", "c"), new Cancellation());

        assertThat(stored).containsExactly("a", "b", "c");
        assertThat(registry.get("oktioneer.clickhouse.insert.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("oktioneer.clickhouse.rows.written").counter().count()).isEqualTo(3);
        verify(deadLetters, never()).publish(anyList());
    }

    @Test
    void retriesTheSameBatchUntilClickHouseTakesIt() {
        failuresToServe.set(3);

        sink.write(batch("a", "b"), new Cancellation());

        assertThat(stored).containsExactly("a", "b");
        assertThat(failures()).isEqualTo(3);
    }

    @Test
    void isolatesRowsClickHouseRejectsAndDeadLettersOnlyThose() {
        sink.write(batch("a", "REJECT-1", "b", "c", "d", "REJECT-2", "e"), new Cancellation());

        assertThat(stored).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Batch.Poison>> poison = ArgumentCaptor.forClass(List.class);
        verify(deadLetters).publish(poison.capture());
        assertThat(poison.getValue()).extracting(p -> p.record().offset()).containsExactly(1L, 5L);
        assertThat(poison.getValue()).allSatisfy(p -> assertThat(p.reason()).contains("Cannot parse input"));
    }

    @Test
    void stopsRetryingWhenTheBatchIsGivenUp() {
        failuresToServe.set(Integer.MAX_VALUE);
        Cancellation cancellation = new Cancellation();
        Thread.ofVirtual().start(() -> {
            while (failures() < 2) {
                Thread.onSpinWait();
            }
            cancellation.cancel();
        });

        assertThatThrownBy(() -> sink.write(batch("a"), cancellation)).isInstanceOf(BatchCancelledException.class);
        assertThat(stored).isEmpty();
    }
}
