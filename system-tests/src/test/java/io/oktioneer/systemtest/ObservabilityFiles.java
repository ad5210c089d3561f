package io.oktioneer.systemtest;

import io.oktioneer.testsupport.RealServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped observability files, read from the repository (never a copy): Grafana dashboards and their
 * provisioning, Prometheus scrape config and alert rules, and the metrics contract of docs/metrics.md.
 */
final class ObservabilityFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ObservabilityFiles() {
    }

    static Path root() {
        return RealServers.projectRoot();
    }

    static Path prometheusDir() {
        return root().resolve("deploy/prometheus");
    }

    static Path grafanaDir() {
        return root().resolve("deploy/grafana");
    }

    /** One query of a dashboard panel (or of a template variable, then {@code panelType} is "variable"). */
    record PanelQuery(String dashboard, String panel, String panelType, String expr) {

        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    /** A panel of a dashboard, as the structure check sees it. */
    record Panel(String dashboard, JsonNode json) {

        String title() {
            return json.path("title").asString("");
        }

        String type() {
            return json.path("type").asString("");
        }

        String datasourceUid() {
            return json.path("datasource").path("uid").asString("");
        }

        String unit() {
            return json.path("fieldConfig").path("defaults").path("unit").asString("");
        }

        List<JsonNode> targets() {
            List<JsonNode> targets = new ArrayList<>();
            json.path("targets").forEach(targets::add);
            return targets;
        }
    }

    /** An alerting or recording rule of alerts.yml. */
    record Rule(String group, String name, String expr, boolean alert) {

        @Override
        public String toString() {
            return group + " / " + name + ": " + expr;
        }
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.walk(grafanaDir().resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of every dashboard, rows' collapsed panels included; rows themselves are not panels. */
    static List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = dashboard(file);
            String title = dashboard.path("title").asString(file.getFileName().toString());
            collectPanels(title, dashboard.path("panels"), panels);
        }
        return panels;
    }

    private static void collectPanels(String dashboard, JsonNode list, List<Panel> into) {
        for (JsonNode panel : list) {
            if (panel.path("type").asString("").equals("row")) {
                collectPanels(dashboard, panel.path("panels"), into);
            } else {
                into.add(new Panel(dashboard, panel));
            }
        }
    }

    /** Every PromQL expression of every dashboard: panel targets and template variable queries. */
    static List<PanelQuery> dashboardQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (Panel panel : panels()) {
            for (JsonNode target : panel.targets()) {
                queries.add(new PanelQuery(panel.dashboard(), panel.title(), panel.type(),
                        target.path("expr").asString("")));
            }
        }
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = dashboard(file);
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asString("").equals("query")) {
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asString("") : query.asString("");
                    queries.add(new PanelQuery(dashboard.path("title").asString(), "$" + variable.path("name")
                            .asString(), "variable", text));
                }
            }
        }
        return queries;
    }

    /**
     * Template variable values that select everything: a variable's {@code allValue} (regex) when it has one,
     * else ".+" — what the dashboard shows with "All" selected.
     */
    static Map<String, String> allTemplateValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode variable : dashboard(file).path("templating").path("list")) {
                values.put(variable.path("name").asString(), variable.path("allValue").asString(".+"));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule files prometheus.yml loads, resolved against its directory. */
    @SuppressWarnings("unchecked")
    static List<Path> ruleFiles() {
        List<String> names = (List<String>) yaml(prometheusDir().resolve("prometheus.yml")).get("rule_files");
        return names.stream().map(name -> prometheusDir().resolve(name).normalize()).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (Map<String, Object> group : (List<Map<String, Object>>) yaml(file).get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    boolean alert = rule.containsKey("alert");
                    String name = (String) (alert ? rule.get("alert") : rule.get("record"));
                    rules.add(new Rule((String) group.get("name"), name, String.valueOf(rule.get("expr")).trim(),
                            alert));
                }
            }
        }
        return rules;
    }

    /**
     * The series docs/metrics.md allows: exact names, and families ({@code name_*}, {@code jvm_*}). A timer
     * listed by its {@code _bucket} series brings its {@code _count}, {@code _sum} and {@code _max} too.
     */
    record MetricsContract(Set<String> names, Set<String> prefixes) {

        boolean allows(String metric) {
            return names.contains(metric) || prefixes.stream().anyMatch(metric::startsWith);
        }
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static MetricsContract metricsContract() {
        Set<String> names = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(root().resolve("docs/metrics.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean standardParagraph = false;
        for (String line : lines) {
            List<String> series = new ArrayList<>();
            standardParagraph = line.startsWith("Standard series") || (standardParagraph && !line.isBlank());
            if (line.startsWith("|") && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                if (cells.length > 3) {
                    Matcher code = CODE.matcher(cells[3]);
                    while (code.find()) {
                        series.add(code.group(1));
                    }
                }
            } else if (standardParagraph) {
                Matcher code = CODE.matcher(line);
                while (code.find()) {
                    series.add(code.group(1));
                }
            }
            for (String entry : series) {
                String name = entry.replaceAll("\\{.*$", "").trim();
                if (name.endsWith("*")) {
                    prefixes.add(name.substring(0, name.length() - 1));
                } else if (name.endsWith("_bucket")) {
                    prefixes.add(name.substring(0, name.length() - "bucket".length()));
                } else if (name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                    names.add(name);
                }
            }
        }
        return new MetricsContract(names, prefixes);
    }
}
