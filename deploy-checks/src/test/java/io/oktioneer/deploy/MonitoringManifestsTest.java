package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/monitoring: what the Prometheus Operator and Grafana's sidecar expect, from the same files the
 * launcher and docker-compose use. The PrometheusRule holds exactly the groups of deploy/prometheus/alerts.yml
 * (run with {@code -Dmonitoring.write=true} to rewrite it after changing the alerts); the PodMonitor gives the
 * series the labels the rules and dashboards query; every dashboard JSON is a ConfigMap for the sidecar.
 */
class MonitoringManifestsTest {

    static final String RULE_FILE = "deploy/k8s/monitoring/prometheus-rule.yaml";
    private static final String HEADER = """
            # GENERATED from deploy/prometheus/alerts.yml by deploy-checks' MonitoringManifestsTest
            # (./mvnw -pl deploy-checks verify -Dtest=MonitoringManifestsTest -Dmonitoring.write=true): edit the alerts
            # there, never here. The test fails while the two hold different rules.
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: oktioneer-alerts
            spec:
            """;

    private static Manifests monitoring;

    @BeforeAll
    static void render() throws IOException {
        if (Boolean.getBoolean("monitoring.write")) {
            Files.writeString(Repo.path(RULE_FILE), expectedRuleFile());
        }
        monitoring = Manifests.render("monitoring");
    }

    /** The rule file's text: the header, then alerts.yml from its {@code groups:} on, indented under spec. */
    static String expectedRuleFile() {
        String alerts = Repo.read("deploy/prometheus/alerts.yml");
        String groups = alerts.substring(alerts.indexOf("\ngroups:") + 1);
        return HEADER + groups.lines().map(line -> line.isEmpty() ? line : "  " + line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheAlertsOfTheLaunchersPrometheus() {
        Object alerts = Yamls.load(Repo.read("deploy/prometheus/alerts.yml")).get("groups");
        // the file itself: Kustomize re-folds multi-line expressions (an extra blank line, same PromQL)
        assertThat(Yamls.mapAt(Yamls.load(Repo.read(RULE_FILE)), "spec").get("groups"))
                .as(RULE_FILE + " differs from deploy/prometheus/alerts.yml: rerun with -Dmonitoring.write=true")
                .isEqualTo(alerts);

        Map<String, Object> rule = monitoring.find("PrometheusRule", "oktioneer-alerts").orElseThrow();
        assertThat(Yamls.stringAt(rule, "metadata", "namespace")).isEqualTo("monitoring");
        assertThat(alertNames(Yamls.mapAt(rule, "spec").get("groups"))).isEqualTo(alertNames(alerts)).isNotEmpty();
    }

    private static List<String> alertNames(Object groups) {
        return Yamls.asList(groups).stream().flatMap(group -> Yamls.listAt(group, "rules").stream())
                .map(rule -> Yamls.stringAt(rule, "alert")).toList();
    }

    @Test
    void thePodMonitorScrapesEveryServicePodWithTheLabelsTheRulesQuery() {
        Map<String, Object> podMonitor = monitoring.find("PodMonitor", "oktioneer").orElseThrow();
        Manifests services = Manifests.render("overlays/production");

        assertThat(Yamls.listAt(podMonitor, "spec", "namespaceSelector", "matchNames")).containsExactly("oktioneer");
        Map<String, Object> selector = Yamls.mapAt(podMonitor, "spec", "selector", "matchLabels");
        List<Object> endpoints = Yamls.listAt(podMonitor, "spec", "podMetricsEndpoints");
        assertThat(endpoints).hasSize(1);
        Object endpoint = endpoints.getFirst();
        assertThat(Yamls.stringAt(endpoint, "path")).isEqualTo("/actuator/prometheus");
        List<Object> relabelings = Yamls.listAt(endpoint, "relabelings");
        assertThat(relabelings).anySatisfy(r -> {
            assertThat(Yamls.stringAt(r, "targetLabel")).isEqualTo("job");
            assertThat(Yamls.stringAt(r, "replacement")).isEqualTo("oktioneer");
        });
        assertThat(relabelings).anySatisfy(r -> {
            assertThat(Yamls.stringAt(r, "targetLabel")).isEqualTo("application");
            assertThat(Yamls.listAt(r, "sourceLabels")).containsExactly("__meta_kubernetes_pod_label_app_kubernetes_io_name");
        });
        // every service Deployment is selected and has the port the endpoint names
        assertThat(services.ofKind("Deployment")).hasSize(5).allSatisfy(deployment -> {
            assertThat(Manifests.podLabels(deployment)).containsAllEntriesOf(selector);
            assertThat(Yamls.listAt(Manifests.mainContainer(deployment), "ports"))
                    .anySatisfy(port -> assertThat(Yamls.stringAt(port, "name")).isEqualTo(Yamls.stringAt(endpoint, "port")));
        });
    }

    @Test
    void everyDashboardIsAConfigMapForGrafanasSidecar() throws IOException {
        List<String> dashboards;
        try (var files = Files.list(Repo.path("deploy/grafana/dashboards"))) {
            dashboards = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        List<Map<String, Object>> configMaps = monitoring.ofKind("ConfigMap");

        assertThat(dashboards).isNotEmpty();
        for (String dashboard : dashboards) {
            Map<String, Object> configMap = configMaps.stream()
                    .filter(map -> Yamls.mapAt(map, "data").containsKey(dashboard)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap holds " + dashboard));
            assertThat(Yamls.stringAt(configMap, "metadata", "labels", "grafana_dashboard")).isEqualTo("1");
            assertThat(Yamls.stringAt(configMap, "data", dashboard))
                    .isEqualTo(Repo.read("deploy/grafana/dashboards/" + dashboard));
        }
    }
}
