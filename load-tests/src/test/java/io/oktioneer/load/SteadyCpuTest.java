package io.oktioneer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteadyCpuTest {

    @Test
    void readsTheTimesAfterACommandNameWithSpacesAndParens() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1234 567 89 10 20 0 30 0 1 0";
        String[] fields = SteadyCpu.statFields(stat);
        assertThat(fields[1]).isEqualTo("1");
        assertThat(SteadyCpu.ownTicks(fields, false)).isEqualTo(1234 + 567);
        assertThat(SteadyCpu.ownTicks(fields, true)).isEqualTo(1234 + 567 + 89 + 10);
    }

    @Test
    void countsAProcessWithTheCpuOfItsChildren(@TempDir Path pids) throws Exception {
        Process child = new ProcessBuilder("sh", "-c",
                "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 30'; true").start();
        try {
            long parent = child.pid();
            Files.writeString(pids.resolve("shell.pid"), Long.toString(parent));
            long[] sent = {0};
            SteadyCpu cpu = new SteadyCpu(pids, () -> sent[0]);
            cpu.begin();
            while (SteadyCpu.ticks(pids).get("shell") < 5 && child.isAlive()) {
                Thread.sleep(20);
            }
            sent[0] = 7;
            Path out = pids.resolve("cpu.txt");
            cpu.end(out);
            assertThat(Files.readAllLines(out)).contains("evaluations 7").anyMatch(l -> l.startsWith("shell "));
            assertThat(SteadyCpu.ticks(pids).get("shell")).isGreaterThanOrEqualTo(5);
        } finally {
            child.destroyForcibly();
        }
    }
}
