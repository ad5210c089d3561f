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
}
