package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.systemtest.ObservabilityFiles.Panel;
import io.oktioneer.systemtest.ObservabilityFiles.PanelQuery;
import io.oktioneer.systemtest.ObservabilityFiles.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards' structure without a Grafana: every panel has a title, the provisioned Prometheus datasource and
 * a unit; every query names only series of the metrics contract (docs/metrics.md); provisioning points at them.
 */
class DashboardStructureTest {

    @SuppressWarnings("unchecked")
    static String provisionedDatasourceUid() {
        Map<String, Object> file = ObservabilityFiles.yaml(
                ObservabilityFiles.grafanaDir().resolve("provisioning/datasources/prometheus.yml"));
        List<Map<String, Object>> datasources = (List<Map<String, Object>>) file.get("datasources");
        assertThat(datasources).hasSize(1);
        assertThat(datasources.getFirst()).containsEntry("type", "prometheus");
        return (String) datasources.getFirst().get("uid");
    }

    @Test
    void theFourDashboardsExistWithUniqueUids() {
        List<Path> files = ObservabilityFiles.dashboardFiles();
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = ObservabilityFiles.dashboard(file);
            assertThat(dashboard.path("title").asString("")).as("title of %s", file).isNotBlank();
            assertThat(uids.add(dashboard.path("uid").asString(""))).as("unique uid in %s", file).isTrue();
            assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion of %s", file).isPositive();
        }
        assertThat(uids).contains("oktioneer-sla", "oktioneer-pipeline", "oktioneer-business", "oktioneer-service");
    }

    @Test
    void everyPanelHasATitleTheProvisionedDatasourceAUnitAndQueries() {
        String uid = provisionedDatasourceUid();
        List<Panel> panels = ObservabilityFiles.panels();
        assertThat(panels).hasSizeGreaterThan(40);
        List<String> problems = new ArrayList<>();
        for (Panel panel : panels) {
            String where = panel.dashboard() + " / " + (panel.title().isBlank() ? "#" + panel.json().path("id")
                    : panel.title());
            if (panel.title().isBlank()) {
                problems.add(where + ": no title");
            }
            if (!panel.datasourceUid().equals(uid)) {
                problems.add(where + ": datasource uid '" + panel.datasourceUid() + "', expected '" + uid + "'");
            }
            if (panel.unit().isBlank()) {
                problems.add(where + ": no unit");
            }
            if (panel.targets().isEmpty()) {
                problems.add(where + ": no query");
            }
            for (JsonNode target : panel.targets()) {
                if (target.path("expr").asString("").isBlank()) {
                    problems.add(where + ": empty query " + target.path("refId").asString());
                }
                String targetUid = target.path("datasource").path("uid").asString(uid);
                if (!targetUid.equals(uid)) {
                    problems.add(where + ": query datasource uid '" + targetUid + "'");
                }
            }
            if (!panel.json().path("gridPos").has("w") || !panel.json().path("gridPos").has("h")) {
                problems.add(where + ": no gridPos");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noQueryReferencesASeriesOutsideTheMetricsContract() {
        ObservabilityFiles.MetricsContract contract = ObservabilityFiles.metricsContract();
        assertThat(contract.names()).contains("oktioneer_decisions_total", "up");
        List<String> problems = new ArrayList<>();
        for (PanelQuery query : ObservabilityFiles.dashboardQueries()) {
            String expr = query.panelType().equals("variable") ? PromQl.labelValues(query.expr())[0] : query.expr();
            for (String metric : PromQl.metricNames(PromQl.resolve(expr, ObservabilityFiles.allTemplateValues()))) {
                if (!contract.allows(metric)) {
                    problems.add(query.dashboard() + " / " + query.panel() + ": " + metric);
                }
            }
        }
        for (Rule rule : ObservabilityFiles.rules()) {
            for (String metric : PromQl.metricNames(rule.expr())) {
                if (!contract.allows(metric)) {
                    problems.add("alerts / " + rule.name() + ": " + metric);
                }
            }
        }
        assertThat(problems).as("series not in docs/metrics.md").isEmpty();
    }

    @Test
    void everyTemplateVariableIsALabelValuesQuery() {
        ObservabilityFiles.dashboardQueries().stream().filter(q -> q.panelType().equals("variable"))
                .forEach(q -> assertThat(PromQl.labelValues(q.expr())).as("%s", q).isNotNull());
    }

    @Test
    void theSlaDashboardShowsP50P95P99AgainstTheHundredMillisecondLine() {
        Panel latency = ObservabilityFiles.panels().stream()
                .filter(p -> p.dashboard().contains("SLA") && p.type().equals("timeseries"))
                .filter(p -> p.targets().stream().anyMatch(t -> t.path("expr").asString()
                        .contains("histogram_quantile(0.99, sum by (le) (rate(oktioneer_decision_latency_seconds_bucket")))
                .findFirst().orElseThrow(() -> new AssertionError("no p99 evaluate latency panel"));
        assertThat(latency.targets()).extracting(t -> t.path("expr").asString().substring(0, 24))
                .containsExactly("histogram_quantile(0.5, ", "histogram_quantile(0.95,", "histogram_quantile(0.99,");
        assertThat(latency.unit()).isEqualTo("s");
        JsonNode defaults = latency.json().path("fieldConfig").path("defaults");
        assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asString()).startsWith("line");
        List<Double> steps = new ArrayList<>();
        defaults.path("thresholds").path("steps").forEach(step -> {
            if (step.path("value").isNumber()) {
                steps.add(step.path("value").asDouble());
            }
        });
        assertThat(steps).containsExactly(0.1);
    }

    @Test
    void theDashboardProviderLoadsTheDashboardsDirectory() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> providers = (List<Map<String, Object>>) ObservabilityFiles.yaml(
                ObservabilityFiles.grafanaDir().resolve("provisioning/dashboards/oktioneer.yml")).get("providers");
        assertThat(providers).singleElement().satisfies(provider -> {
            assertThat(provider).containsEntry("type", "file");
            @SuppressWarnings("unchecked")
            Map<String, Object> options = (Map<String, Object>) provider.get("options");
            assertThat((String) options.get("path")).endsWith("/dashboards");
        });
    }
}
