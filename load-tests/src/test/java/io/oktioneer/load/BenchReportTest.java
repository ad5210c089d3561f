package io.oktioneer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @Test
    void listsTheGatewayStepsByRateThenTheDirectStep(@TempDir Path run) throws Exception {
        for (String step : new String[] {"direct-02000", "gateway-03000", "gateway-00500", "gateway-02000", "empty"}) {
            Files.createDirectories(run.resolve(step));
            if (!step.equals("empty")) {
                Files.writeString(run.resolve(step).resolve("step.properties"), "mode=x\n");
            }
        }
        assertThat(BenchReport.steps(run)).extracting(p -> p.getFileName().toString())
                .containsExactly("gateway-00500", "gateway-02000", "gateway-03000", "direct-02000");
    }

    @Test
    void spreadsEachProcessesSteadyCpuOverTheEvaluationsOfItsWindow(@TempDir Path run) throws Exception {
        for (String step : new String[] {"gateway-01000", "direct-01000"}) {
            Path dir = Files.createDirectories(run.resolve(step));
            Files.writeString(dir.resolve("step.properties"), "mode=x\n");
        }
        Files.writeString(run.resolve("gateway-01000").resolve("cpu-steady.txt"),
                "windowMillis 14000\nevaluations 14000\ngateway 280\npostgres 70\n");
        Files.writeString(run.resolve("direct-01000").resolve("cpu-steady.txt"),
                "windowMillis 14000\nevaluations 0\ngateway 1\n");

        String table = BenchReport.cpuPerEvaluation(run);

        // 280 ticks = 2.8 s over 14,000 evaluations = 0.2 ms each; 70 ticks = 0.05 ms; total 0.25 ms
        assertThat(table).contains("| step | path | window s | evaluations | gateway | postgres | platform total |")
                .contains("| 1000 | gateway | 14.0 | 14000 | 0.200 | 0.050 | 0.250 |")
                .contains("| 1000 | auction-service direct | 14.0 | 0 | - | - | - |");
    }
}
