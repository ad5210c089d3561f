package io.oktioneer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** A private server goes down and comes back on the same port, with its data. */
class PrivateServerIT {

    @ParameterizedTest
    @EnumSource(value = Server.class, names = {"REDIS", "CLICKHOUSE"})
    void stopsAndRestartsOnTheSamePort(Server kind) {
        try (PrivateServer server = PrivateServer.start(kind)) {
            assertTrue(answers(server));
            server.stop();
            assertFalse(answers(server));
            server.restart();
            assertTrue(answers(server));
        }
    }

    @Test
    void kafkaKeepsItsTopicsAcrossARestart() throws Exception {
        try (PrivateServer kafka = PrivateServer.start(Server.KAFKA)) {
            Map<String, Object> config = Map.of("bootstrap.servers", kafka.address());
            try (Admin admin = Admin.create(config)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }
            kafka.stop();
            assertFalse(answers(kafka));
            kafka.restart();
            try (Admin admin = Admin.create(config)) {
                Set<String> names = admin.listTopics().names().get();
                assertEquals(Set.of("kept"), names);
            }
        }
    }

    @Test
    void postgresKeepsItsDataAcrossARestart() throws Exception {
        try (PrivateServer postgres = PrivateServer.start(Server.POSTGRES)) {
            String url = "jdbc:postgresql://" + postgres.address() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, PrivateServer.POSTGRES_USER,
                    PrivateServer.POSTGRES_PASSWORD)) {
                connection.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
            }
            postgres.stop();
            assertFalse(answers(postgres));
            postgres.restart();
            try (Connection connection = DriverManager.getConnection(url, PrivateServer.POSTGRES_USER,
                    PrivateServer.POSTGRES_PASSWORD);
                 ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
                assertTrue(rows.next());
                assertEquals(7, rows.getInt(1));
            }
        }
    }

    private static boolean answers(PrivateServer server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
