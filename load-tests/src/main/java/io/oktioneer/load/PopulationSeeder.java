package io.oktioneer.load;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.Topics;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the benchmark population in bulk, not through the API: users and preferences with PostgreSQL
 * {@code COPY} into the preference-service's tables, and the matching {@code PreferenceUpserted} /
 * {@code UserUpdated} events straight onto the preferences topic (what the outbox relay would have published),
 * so the decision-engine, auction-service and history-consumer learn them as they would in production.
 * Idempotent: a population already present (same size) is left alone.
 *
 * <p>Usage: {@code PopulationSeeder <jdbcUrl> <user> <password> <kafkaBootstrap> <users> <preferences>}
 */
public final class PopulationSeeder {

    static final String USER_PREFIX = "bench-u";

    private final Catalog catalog = new Catalog();
    private final JsonMapper json = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: PopulationSeeder jdbcUrl user password kafkaBootstrap users preferences");
            System.exit(2);
        }
        new PopulationSeeder().seed(args[0], args[1], args[2], args[3], Integer.parseInt(args[4]),
                Integer.parseInt(args[5]));
    }

    void seed(String jdbcUrl, String dbUser, String password, String kafka, int users, int preferences)
            throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, password)) {
            long present = count(db, "SELECT count(*) FROM preferences WHERE user_id LIKE '" + USER_PREFIX + "%'");
            if (present == preferences) {
                System.out.printf("population present: %d users, %d preferences%n", users, present);
                return;
            }
            if (present > 0) {
                throw new IllegalStateException("a different benchmark population is present (" + present
                        + " preferences): run ./oktioneer reset (deletes all data), then the bench again");
            }
            long started = System.nanoTime();
            SplittableRandom random = new SplittableRandom(20261127L);
            Instant epoch = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(365, ChronoUnit.DAYS);
            List<UserUpdated> userEvents = new ArrayList<>(users);
            StringBuilder userRows = new StringBuilder();
            for (int u = 0; u < users; u++) {
                String id = userId(u);
                String status = random.nextDouble() < 0.02 ? "SUSPENDED" : "ACTIVE";
                Instant created = epoch.plusSeconds(u);
                userEvents.add(new UserUpdated(id, "Bench user " + u, status, false, created));
                userRows.append(id).append('\t').append("Bench user ").append(u).append('\t').append(status)
                        .append('\t').append(created).append('\t').append(created).append('\n');
            }
            copy(db, "COPY users (user_id, display_name, status, created_at, updated_at) FROM STDIN",
                    new StringReader(userRows.toString()));
            userRows.setLength(0);

            Properties props = new Properties();
            props.put("bootstrap.servers", kafka);
            props.put("acks", "all");
            props.put("enable.idempotence", "true");
            props.put("linger.ms", "20");
            props.put("batch.size", "262144");
            props.put("compression.type", "lz4");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                for (UserUpdated user : userEvents) {
                    send(producer, Topics.userKey(user.userId()), EventTypes.USER_UPDATED, user.updatedAt(), user);
                }
                int batch = 50_000;
                for (int start = 0; start < preferences; start += batch) {
                    StringBuilder rows = new StringBuilder(batch * 160);
                    for (int p = start; p < Math.min(preferences, start + batch); p++) {
                        UserUpdated owner = userEvents.get(p % users);
                        PreferenceUpserted preference = preference(random, owner, epoch.plusSeconds(users + p));
                        appendRow(rows, preference);
                        send(producer, preference.preferenceId().toString(), EventTypes.PREFERENCE_UPSERTED,
                                preference.updatedAt(), preference);
                    }
                    copy(db, "COPY preferences (id, user_id, name, categories, brands, max_bid, total_budget,"
                            + " currency, active, version, created_at, updated_at) FROM STDIN", new StringReader(rows.toString()));
                }
                producer.flush();
            }
            System.out.printf("seeded %d users and %d preferences in %.1f s%n", users, preferences,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    static String userId(int index) {
        return String.format("%s%06d", USER_PREFIX, index);
    }

    private PreferenceUpserted preference(SplittableRandom random, UserUpdated owner, Instant created) {
        List<String> categories = random.nextDouble() < 0.10 ? List.of() : distinct(random, 1 + random.nextInt(3), true);
        List<String> brands = random.nextDouble() < 0.30 ? List.of() : distinct(random, 1 + random.nextInt(5), false);
        BigDecimal maxBid = Catalog.price(random);
        BigDecimal totalBudget = random.nextDouble() < 0.4
                ? maxBid.multiply(BigDecimal.valueOf(2 + random.nextInt(19))) : null;
        return new PreferenceUpserted(UUID.randomUUID(), owner.userId(), owner.status(), "Bench preference",
                categories, brands, maxBid, totalBudget, catalog.currency(random), random.nextDouble() < 0.95, 1,
                created, created);
    }

    private List<String> distinct(SplittableRandom random, int size, boolean categories) {
        Set<String> values = new LinkedHashSet<>();
        while (values.size() < size) {
            values.add(categories ? catalog.category(random) : catalog.brand(random));
        }
        return List.copyOf(values);
    }

    private static void appendRow(StringBuilder rows, PreferenceUpserted p) {
        rows.append(p.preferenceId()).append('\t').append(p.userId()).append('\t').append(p.name()).append('\t')
                .append(array(p.categories())).append('\t').append(array(p.brands())).append('\t')
                .append(p.maxBid().toPlainString()).append('\t')
                .append(p.totalBudget() == null ? "\\N" : p.totalBudget().toPlainString()).append('\t')
                .append(p.currency()).append('\t').append(p.active()).append('\t').append(p.version()).append('\t')
                .append(p.createdAt()).append('\t').append(p.updatedAt()).append('\n');
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private void send(KafkaProducer<String, String> producer, String key, String type, Instant at, Object payload) {
        String value = json.writeValueAsString(EventEnvelope.of(type, at, null, payload));
        producer.send(new ProducerRecord<>(Topics.PREFERENCES, key, value));
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void copy(Connection db, String sql, Reader rows) throws SQLException, IOException {
        db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows);
    }
}
