package io.oktioneer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatlingStatsTest {

    @Test
    void readsTheStatisticsTableOfARealReport(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("src/test/resources/gatling-report-sample.html"), dir.resolve("index.html"));

        Map<String, GatlingStats> stats = GatlingStats.read(dir);

        assertThat(stats).containsOnlyKeys("All Requests", "h");
        GatlingStats all = stats.get("All Requests");
        assertThat(all.total()).isEqualTo(20);
        assertThat(all.ok()).isEqualTo(20);
        assertThat(all.ko()).isZero();
        assertThat(all.min()).isEqualTo(2);
        assertThat(all.p50()).isEqualTo(4);
        assertThat(all.max()).isEqualTo(110);
    }
}
