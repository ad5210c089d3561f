package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.systemtest.ObservabilityFiles.PanelQuery;
import io.oktioneer.systemtest.ObservabilityFiles.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The observability of the running platform, proven from outside after driving traffic through the gateway:
 * every dashboard and alert query returns data from a real Prometheus scraping the services, one evaluation is
 * one trace across the services in Zipkin, and every log line is ECS JSON with the trace id on request lines.
 */
class ObservabilityIT {

    private static final Duration PIPELINE_WAIT = Duration.ofSeconds(90);
    private static Platform platform;
    private static Traffic traffic;
    private static PrometheusApi prometheus;

    @BeforeAll
    static void startPlatformAndDriveTraffic() {
        platform = Platform.get();
        prometheus = new PrometheusApi(platform.prometheusUrl());
        traffic = Traffic.drive(platform);
    }

    @Test
    void prometheusScrapesEveryServiceWithItsApplicationLabel() {
        List<String> problems = eventually(() -> {
            List<String> found = new ArrayList<>();
            Set<String> up = new TreeSet<>();
            for (JsonNode target : prometheus.activeTargets()) {
                if (target.path("labels").path("job").asString("").equals("oktioneer")) {
                    String application = target.path("labels").path("application").asString();
                    if (target.path("health").asString("").equals("up")) {
                        up.add(application);
                    } else {
                        found.add(application + ": " + target.path("health").asString() + " "
                                + target.path("lastError").asString());
                    }
                }
            }
            if (!up.containsAll(Platform.SERVICES)) {
                found.add("up: " + up);
            }
            return found;
        });
        assertThat(problems).isEmpty();

        // Every series a service exports carries the common tag service=<application name>.
        List<String> untagged = new ArrayList<>();
        for (JsonNode series : prometheus.query("count by (__name__, application, service) "
                + "({job=\"oktioneer\", __name__!~\"up|scrape_.*\"})")) {
            JsonNode labels = series.path("metric");
            if (!labels.path("service").asString("").equals(labels.path("application").asString())) {
                untagged.add(labels.path("application").asString() + ": " + labels.path("__name__").asString()
                        + " service=\"" + labels.path("service").asString("") + "\"");
            }
        }
        assertThat(untagged).as("series without the service tag of their application").isEmpty();
    }

    @Test
    void everyDashboardQueryReturnsData() {
        Map<String, String> variables = ObservabilityFiles.allTemplateValues();
        List<PanelQuery> queries = ObservabilityFiles.dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(40);
        List<String> empty = eventually(() -> {
            List<String> found = new ArrayList<>();
            for (PanelQuery query : queries) {
                if (query.panelType().equals("variable")) {
                    String[] labelValues = PromQl.labelValues(query.expr());
                    List<JsonNode> samples = prometheus.query(PromQl.resolve(labelValues[0], variables));
                    if (samples.stream().noneMatch(s -> s.path("metric").has(labelValues[1]))) {
                        found.add(query.toString());
                    }
                } else if (prometheus.query(PromQl.resolve(query.expr(), variables)).isEmpty()) {
                    found.add(query.toString());
                }
            }
            return found;
        });
        assertThat(empty).as("dashboard queries without data").isEmpty();
    }

    @Test
    void everyAlertRuleWatchesDataAndEvaluatesWithoutError() {
        List<Rule> rules = ObservabilityFiles.rules();
        assertThat(rules).isNotEmpty();
        List<String> problems = eventually(() -> {
            List<String> found = new ArrayList<>();
            for (Rule rule : rules) {
                String watched = rule.alert() ? PromQl.signal(rule.expr()) : rule.expr();
                prometheus.query(rule.expr()); // the whole expression is valid PromQL for this Prometheus
                if (prometheus.query(watched).isEmpty()) {
                    found.add(rule + "  (no data for: " + watched + ")");
                }
            }
            return found;
        });
        assertThat(problems).as("alert rules watching nothing").isEmpty();

        List<String> unhealthy = eventually(() -> {
            List<String> found = new ArrayList<>();
            Set<String> evaluated = new LinkedHashSet<>();
            for (JsonNode group : prometheus.rules()) {
                for (JsonNode rule : group.path("rules")) {
                    evaluated.add(rule.path("name").asString());
                    if (!rule.path("health").asString("").equals("ok")) {
                        found.add(rule.path("name").asString() + ": " + rule.path("health").asString() + " "
                                + rule.path("lastError").asString(""));
                    }
                }
            }
            rules.stream().map(Rule::name).filter(name -> !evaluated.contains(name))
                    .forEach(name -> found.add(name + ": not loaded by Prometheus"));
            return found;
        });
        assertThat(unhealthy).as("rules Prometheus could not evaluate").isEmpty();
    }

    @Test
    void everySeriesTheDashboardsAndAlertsNameIsExportedByAService() {
        Set<String> referenced = new TreeSet<>();
        Map<String, String> variables = ObservabilityFiles.allTemplateValues();
        for (PanelQuery query : ObservabilityFiles.dashboardQueries()) {
            String expr = query.panelType().equals("variable") ? PromQl.labelValues(query.expr())[0] : query.expr();
            referenced.addAll(PromQl.metricNames(PromQl.resolve(expr, variables)));
        }
        ObservabilityFiles.rules().forEach(rule -> referenced.addAll(PromQl.metricNames(rule.expr())));
        referenced.remove("up"); // made by Prometheus for every target
        List<String> missing = eventually(() -> {
            Set<String> exported = new LinkedHashSet<>(prometheus.metricNames("{job=\"oktioneer\"}"));
            return referenced.stream().filter(name -> !exported.contains(name)).toList();
        });
        assertThat(missing).as("series no service exports").isEmpty();
    }

    @Test
    void oneEvaluationIsOneTraceAcrossGatewayAuctionEngineAndHistory() {
        String traceId = traffic.tracedTraceId;
        Set<String> expected = Set.of("gateway", "auction-service", "decision-engine", "history-consumer");
        List<String> problems = eventually(() -> {
            Http.Answer answer = Http.get(platform.zipkinUrl + "/api/v2/trace/" + traceId, Map.of());
            if (answer.status() != 200) {
                return List.of("Zipkin answered " + answer.status() + " for trace " + traceId);
            }
            Set<String> services = new TreeSet<>();
            Set<String> spanIds = new LinkedHashSet<>();
            for (JsonNode span : answer.json()) {
                services.add(span.path("localEndpoint").path("serviceName").asString(""));
                spanIds.add(span.path("id").asString());
            }
            List<String> found = new ArrayList<>();
            if (!services.containsAll(expected)) {
                found.add("trace " + traceId + " has spans of " + services + ", expected " + expected);
            }
            List<String> roots = new ArrayList<>();
            for (JsonNode span : answer.json()) {
                if (!spanIds.contains(span.path("parentId").asString(""))) {
                    roots.add(span.path("localEndpoint").path("serviceName").asString() + " "
                            + span.path("kind").asString("") + " " + span.path("name").asString(""));
                }
            }
            if (roots.size() != 1 || !roots.getFirst().startsWith("gateway SERVER")) {
                found.add("trace " + traceId + " is not one tree under the gateway's server span; roots: " + roots);
            }
            if (found.isEmpty()) {
                System.out.printf("traced evaluation %s: %d spans of %s%n", traceId, spanIds.size(), services);
            }
            return found;
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyEventRowInClickHouseCarriesTheTraceIdOfItsRequest() {
        String database = platform.clickhouseDatabase;
        List<String> problems = eventually(() -> {
            List<String> found = new ArrayList<>();
            List<String[]> traceColumns = clickhouse("SELECT table, name FROM system.columns WHERE database = '"
                    + database + "' AND name LIKE '%trace%' ORDER BY table");
            if (traceColumns.isEmpty()) {
                return List.of("no table of ClickHouse database " + database + " has a trace id column");
            }
            long tracedRows = 0;
            for (String[] column : traceColumns) {
                String table = database + "." + column[0];
                long rows = count("SELECT count() FROM " + table);
                long untraced = count("SELECT count() FROM " + table + " WHERE " + column[1] + " IS NULL OR "
                        + column[1] + " = ''");
                if (rows == 0 || untraced > 0) {
                    found.add(table + ": " + rows + " rows, " + untraced + " without a trace id");
                }
                tracedRows += count("SELECT count() FROM " + table + " WHERE " + column[1] + " = '"
                        + traffic.tracedTraceId + "'");
            }
            if (tracedRows == 0) {
                found.add("no row carries the trace id " + traffic.tracedTraceId + " of the traced evaluation");
            }
            return found;
        });
        assertThat(problems).isEmpty();
    }

    private static long count(String query) {
        return Long.parseLong(clickhouse(query).getFirst()[0]);
    }

    /** A query over ClickHouse's HTTP interface, rows of TabSeparated cells. */
    private static List<String[]> clickhouse(String query) {
        io.oktioneer.testsupport.ServerEndpoints servers = io.oktioneer.testsupport.RealServers.get();
        Http.Answer answer = Http.postText(servers.clickhouseUrl() + "/?user=" + servers.clickhouseUser()
                + "&password=" + servers.clickhousePassword(), query + " FORMAT TabSeparated");
        assertThat(answer.status()).as("ClickHouse answer to %s: %s", query, answer.raw().body()).isEqualTo(200);
        List<String[]> rows = new ArrayList<>();
        for (String line : answer.raw().body().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    @Test
    void everyLogLineIsEcsJsonAndRequestLinesCarryTheTraceAndRequestIds() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, Integer> tracedLines = new LinkedHashMap<>();
        Map<String, Integer> tracedRequestIdLines = new LinkedHashMap<>();
        for (String service : Platform.SERVICES) {
            List<String> found = new ArrayList<>();
            // Request lines without a request id, by trace: allowed only for actuator calls (probes and scrapes
            // reach a service directly, without the gateway that gives every call its id).
            Map<String, List<String>> withoutRequestId = new LinkedHashMap<>();
            Set<String> actuatorTraces = new HashSet<>();
            int lineNumber = 0;
            int requestLines = 0;
            boolean started = false;
            boolean checking = false;
            Set<String> untracedThreads = new HashSet<>();
            for (String line : platform.service(service).lines()) {
                lineNumber++;
                JsonNode json;
                try {
                    json = ObservabilityFiles.JSON.readTree(line);
                } catch (RuntimeException e) {
                    found.add(lineNumber + ": not JSON: " + abbreviate(line));
                    continue;
                }
                if (json == null || !json.isObject() || !json.has("@timestamp") || !json.path("log").has("level")
                        || !json.has("message") || !json.path("service").has("name")) {
                    found.add(lineNumber + ": not an ECS log event: " + abbreviate(line));
                    continue;
                }
                // Requests answered while the context still starts (the web server opens before the last
                // lifecycle beans) are not traced yet, and a readiness probe answered in the first moments after
                // "Started …" was seen untraced too (auction-service, 503 while its schema migrates). So the check
                // begins at the first traced request line after "Started …"; from there every request line must
                // carry a trace id (a service that never traces one has no checked lines and fails below).
                started |= Logs.isStartedLine(json);
                boolean requestLine = Logs.isRequestLine(json);
                String traceId = Logs.traceId(json);
                // A request that began untraced before the check (a scrape answered across "Started …") ends
                // untraced too, on the same thread: its "Completed" line is not a new untraced request.
                String thread = json.path("process").path("thread").path("name").asString("");
                boolean completion = json.path("message").asString("").startsWith("Completed");
                if (requestLine && traceId.isEmpty() && !checking && !completion) {
                    untracedThreads.add(thread);
                } else if (requestLine && completion && untracedThreads.remove(thread) && traceId.isEmpty()) {
                    continue;
                }
                checking |= started && requestLine && !traceId.isEmpty();
                if (checking && requestLine) {
                    requestLines++;
                    if (traceId.isEmpty()) {
                        found.add(lineNumber + ": request line without trace id: " + abbreviate(line));
                    } else if (Logs.requestId(json).isEmpty()) {
                        withoutRequestId.computeIfAbsent(traceId, t -> new ArrayList<>())
                                .add(lineNumber + ": request line without request id: " + abbreviate(line));
                    }
                }
                // Any actuator request, also one that began before the check did (a probe answered across
                // "Started …"): its later lines are exempt from the request id.
                if (Logs.isActuatorRequestLine(json) && !traceId.isEmpty()) {
                    actuatorTraces.add(traceId);
                }
                if (traceId.equals(traffic.tracedTraceId)) {
                    tracedLines.merge(service, 1, Integer::sum);
                    // The evaluation's request lines carry the id it was sent with (request lines only: the same
                    // trace goes on outside the request, in the outbox relay and the history-consumer).
                    if (requestLine && Logs.requestId(json).equals(traffic.tracedRequestId)) {
                        tracedRequestIdLines.merge(service, 1, Integer::sum);
                    } else if (requestLine) {
                        found.add(lineNumber + ": line of the traced evaluation without its request id "
                                + traffic.tracedRequestId + ": " + abbreviate(line));
                    }
                }
            }
            withoutRequestId.forEach((traceId, lines) -> {
                // The gateway gives every call an id, actuator calls included.
                if (service.equals("gateway") || !actuatorTraces.contains(traceId)) {
                    found.addAll(lines);
                }
            });
            if (requestLines == 0) {
                found.add("no traced request line at all (request logging is on: every service answers HTTP)");
            }
            if (!found.isEmpty()) {
                problems.put(service, found.subList(0, Math.min(found.size(), 10)));
            }
        }
        assertThat(problems).as("log problems per service").isEmpty();
        assertThat(tracedLines.keySet()).as("services that logged lines of the traced evaluation")
                .containsAll(List.of("gateway", "auction-service", "decision-engine"));
        assertThat(tracedRequestIdLines.keySet()).as("services whose request lines carry the traced evaluation's "
                + "request id").containsAll(List.of("gateway", "auction-service", "decision-engine"));
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /**
     * Re-runs a check until it finds no problem or the pipeline wait is over (metrics need a scrape or two, spans
     * an export, events the Kafka to ClickHouse trip), then returns its last findings.
     */
    private static List<String> eventually(Supplier<List<String>> check) {
        Instant deadline = Instant.now().plus(PIPELINE_WAIT);
        List<String> problems = attempt(check);
        while (!problems.isEmpty() && Instant.now().isBefore(deadline)) {
            ChildProcess.sleep(1000);
            problems = attempt(check);
        }
        return problems;
    }

    /** One run of a check; a server that does not answer (yet) is a finding, not the end of the wait. */
    private static List<String> attempt(Supplier<List<String>> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return List.of("check failed: " + e);
        }
    }
}
