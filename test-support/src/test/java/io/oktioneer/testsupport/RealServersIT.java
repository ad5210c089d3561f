package io.oktioneer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The fixtures themselves: each real server answers, and each isolation primitive gives a private space. */
class RealServersIT {

    private final ServerEndpoints servers = RealServers.get();

    @Test
    void postgresGivesEachTestItsOwnDatabase() throws Exception {
        String first = Isolation.newPostgresDatabase("fixture");
        String second = Isolation.newPostgresDatabase("fixture");
        assertTrue(!first.equals(second));
        try (Connection connection = DriverManager.getConnection(servers.postgresJdbcUrl(first),
                servers.postgresUser(), servers.postgresPassword());
             ResultSet rs = connection.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            assertEquals(first, rs.getString(1));
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (Socket socket = new Socket(servers.redisHost(), servers.redisPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals("+PONG", reply);
        }
    }

    @Test
    void kafkaRoundTripsARecordOnAPrivateTopic() throws Exception {
        String topic = Isolation.topic("fixture", Isolation.uniqueId("it"));
        Map<String, Object> common = Map.of("bootstrap.servers", servers.kafkaBootstrapServers());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.putAll(common);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.putAll(common);
        consumerProps.put("group.id", "fixture-" + UUID.randomUUID());
        consumerProps.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            // The first consumer group on a fresh broker creates __consumer_offsets (50 partitions) first.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    assertEquals("hello", record.value());
                    return;
                }
            }
        }
        throw new AssertionError("record not consumed from " + topic);
    }

    @Test
    void clickhouseCreatesAPrivateDatabaseAndAnswersQueries() throws Exception {
        String database = Isolation.uniqueId("it_fixture");
        assertEquals("", clickhouse("CREATE DATABASE IF NOT EXISTS " + database));
        assertEquals("1\n", clickhouse("SELECT count() FROM system.databases WHERE name = '" + database + "'"));
        clickhouse("DROP DATABASE " + database);
    }

    private String clickhouse(String sql) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(servers.clickhouseUrl() + "/")).POST(HttpRequest.BodyPublishers.ofString(sql))
                        .header("X-ClickHouse-User", servers.clickhouseUser())
                        .header("X-ClickHouse-Key", servers.clickhousePassword()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
