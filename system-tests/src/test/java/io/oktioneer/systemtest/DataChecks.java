package io.oktioneer.systemtest;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

/**
 * What must hold of a platform's data once traffic has stopped (the fault suite and the scale-out suite check it
 * after every fault): the outbox of every auction-service instance empty, the dead-letter topics empty, spent +
 * reserved within every total budget, and every answered evaluation in ClickHouse exactly once.
 */
final class DataChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private DataChecks() {
    }

    /**
     * Waits (up to {@code wait}) until every check passes; returns what still fails, empty when nothing does.
     *
     * @param users      the users whose preferences' budgets are checked
     * @param answered   the decision ids of the evaluations answered 200
     * @param exchange   the exchange those evaluations were sent for
     */
    static String awaitPassing(Platform platform, Collection<String> users, Set<String> answered, String exchange,
                               Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String failing;
        do {
            failing = failing(platform, users, answered, exchange);
            if (failing.isEmpty()) {
                return failing;
            }
            ChildProcess.sleep(2000);
        } while (System.nanoTime() < deadline);
        return failing;
    }

    private static String failing(Platform platform, Collection<String> users, Set<String> answered, String exchange) {
        List<String> failing = new ArrayList<>();
        long backlog = outboxBacklog(platform);
        if (backlog != 0) {
            failing.add("outbox backlog " + backlog);
        }
        long deadLetters = deadLetters(platform);
        if (deadLetters != 0) {
            failing.add(deadLetters + " records on the dead-letter topics");
        }
        failing.addAll(overBudget(platform, users));
        String clickhouse = clickhouseExactlyOnce(platform, answered, exchange);
        if (!clickhouse.isEmpty()) {
            failing.add(clickhouse);
        }
        return String.join("; ", failing);
    }

    /** Sum of the {@code oktioneer_outbox_backlog} gauges of every auction-service instance; -1 when unreadable. */
    static long outboxBacklog(Platform platform) {
        long total = 0;
        for (String url : platform.urls("auction-service")) {
            try {
                HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                total += Math.round(metrics.body().lines().filter(line -> line.startsWith("oktioneer_outbox_backlog"))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        }
        return total;
    }

    /** Records on {@code <auctions>.DLT} and {@code <preferences>.DLT} (0 when they do not exist); -1 unreadable. */
    static long deadLetters(Platform platform) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.servers.kafkaBootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> dlts = List.of(platform.auctionsTopic + ".DLT", platform.preferencesTopic + ".DLT").stream()
                    .filter(topics::contains).toList();
            if (dlts.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(dlts).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> {
                    earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                });
            }
            long first = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
            long last = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
            return last - first;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    /** Preferences whose spent + reserved exceeds their total budget, read through the spending API. */
    static List<String> overBudget(Platform platform, Collection<String> users) {
        List<String> over = new ArrayList<>();
        for (String user : users) {
            Http.Answer spending = Http.get(platform.gatewayUrl() + "/api/v1/users/" + user + "/spending",
                    Map.of("Authorization", "Bearer " + platform.adminKey));
            if (spending.status() != 200) {
                over.add("spending of " + user + " answered " + spending);
                continue;
            }
            for (JsonNode preference : spending.json().path("preferences")) {
                if (preference.path("totalBudget").isNull()) {
                    continue;
                }
                BigDecimal committed = preference.path("spent").decimalValue().add(preference.path("reserved").decimalValue());
                if (committed.compareTo(preference.path("totalBudget").decimalValue()) > 0) {
                    over.add("ledger over budget: " + preference);
                }
            }
        }
        return over;
    }

    /** Every answered evaluation has exactly one AuctionEvaluated event in ClickHouse; empty when so. */
    static String clickhouseExactlyOnce(Platform platform, Set<String> answered, String exchange) {
        Map<String, Long> stored = new HashMap<>();
        String failure = query(platform, "SELECT toString(decision_id), uniqExact(event_id) FROM "
                + platform.clickhouseDatabase + ".auction_events WHERE event_type = 'AuctionEvaluated' AND exchange = '"
                + exchange + "' GROUP BY decision_id", columns -> stored.put(columns[0], Long.parseLong(columns[1])));
        if (failure != null) {
            return failure;
        }
        long missing = answered.stream().filter(id -> !stored.containsKey(id)).count();
        long twice = stored.values().stream().filter(count -> count > 1).count();
        return missing == 0 && twice == 0 ? ""
                : "ClickHouse: " + missing + " of " + answered.size() + " answered auctions missing, " + twice
                        + " stored more than once";
    }

    /** Runs a ClickHouse query (TabSeparated), each row to {@code row}; null when it ran, else what went wrong. */
    static String query(Platform platform, String sql, java.util.function.Consumer<String[]> row) {
        try {
            HttpResponse<String> rows = HTTP.send(HttpRequest.newBuilder(URI.create(platform.servers.clickhouseUrl()
                    + "/?query=" + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (rows.statusCode() != 200) {
                return "ClickHouse answered " + rows.statusCode() + " " + rows.body();
            }
            rows.body().lines().filter(line -> !line.isBlank()).forEach(line -> row.accept(line.split("\t")));
            return null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "ClickHouse unreadable: " + e;
        }
    }
}
