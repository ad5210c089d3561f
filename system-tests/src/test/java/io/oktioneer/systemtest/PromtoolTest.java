package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * promtool over the shipped Prometheus files: the scrape config (with its rule files), the rules, and the rules'
 * unit tests (deploy/prometheus/alerts_test.yml). promtool comes with Debian's prometheus package, which
 * ./oktioneer test installs.
 */
class PromtoolTest {

    @Test
    void scrapeConfigIsValid() {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void alertRulesAreValid() {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        ObservabilityFiles.ruleFiles().forEach(file -> args.add(file.toString()));
        assertThat(promtool(args.toArray(String[]::new))).contains("SUCCESS");
    }

    @Test
    void alertRulesPassTheirUnitTests() {
        assertThat(promtool("test", "rules", "alerts_test.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTest() {
        String tests = readString(ObservabilityFiles.prometheusDir().resolve("alerts_test.yml"));
        ObservabilityFiles.rules().stream().filter(ObservabilityFiles.Rule::alert).forEach(rule ->
                assertThat(tests).as("alerts_test.yml tests %s", rule.name())
                        .contains("alertname: " + rule.name()));
    }

    /** Runs promtool in deploy/prometheus; fails with its output unless it exits 0. */
    static String promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Path dir = ObservabilityFiles.prometheusDir();
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run promtool (apt-get install -y prometheus, or ./oktioneer test"
                    + " which installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
