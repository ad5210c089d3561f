package io.oktioneer.engine.benchmark;

import io.oktioneer.engine.index.Decision;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.engine.index.PreferenceIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the engine benchmark and writes its report: heap per preference (measured here, after full GCs,
 * around building each index), then the JMH benchmarks (decisions/s, latency percentiles, ledger updates/s).
 *
 * <p>{@code java -Xms2g -Xmx2g -jar engine-benchmark/target/benchmarks.jar [--heap-only] [report-file]}
 */
public final class EngineBenchmarkMain {

    private static final int[] SIZES = {10_000, 100_000, 1_000_000};

    private EngineBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean heapOnly = args.length > 0 && args[0].equals("--heap-only");
        Path report = Path.of(args.length > (heapOnly ? 1 : 0) ? args[args.length - 1]
                : "engine-benchmark/target/engine-benchmark-report.md");
        String loadBefore = loadAverage();
        Map<Integer, long[]> footprint = new LinkedHashMap<>();
        measure(20_000, true); // loads and initialises every class first, so the first figure holds only the index
        for (int size : SIZES) {
            footprint.put(size, measure(size, !heapOnly));
            System.out.printf(Locale.ROOT, "%,d preferences: %d heap bytes per preference, %.2f µs CPU per decision%n",
                    size, footprint.get(size)[0], footprint.get(size)[1] / 1000.0);
        }
        if (heapOnly) {
            return;
        }
        Collection<RunResult> results = new Runner(options().build()).run();
        String text = report(footprint, results, loadBefore);
        System.out.println(text);
        if (report.getParent() != null) {
            Files.createDirectories(report.getParent());
        }
        Files.writeString(report, text);
        System.out.println("Report written to " + report.toAbsolutePath());
    }

    private static ChainedOptionsBuilder options() {
        return new OptionsBuilder()
                .include(DecisionBenchmark.class.getSimpleName())
                .include(LedgerBenchmark.class.getSimpleName())
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true);
    }

    /**
     * {heap bytes retained per preference, CPU nanoseconds per decision}. The heap is the used heap after full
     * GCs around building the index, divided by its size. The CPU time is this thread's CPU time over 400,000
     * decisions on the same auctions as the JMH benchmark (after 200,000 to warm up): the work of a decision
     * whatever else the machine runs, where JMH's wall-clock figures include waiting for a core.
     */
    static long[] measure(int size, boolean cpu) {
        long before = usedAfterGc();
        PreferenceIndex index = Workload.build(size, 42, null);
        long after = usedAfterGc();
        long perPreference = (after - before) / size;
        if (index.size() != size) {
            throw new IllegalStateException("index holds " + index.size() + " preferences, expected " + size);
        }
        if (!cpu) {
            return new long[] {perPreference, 0};
        }
        DecisionQuery[] auctions = Workload.auctions(8192, 7);
        Decision decision = new Decision(16);
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            index.decide(auctions[i & 8191], decision);
            sink += decision.eligible();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int decisions = 400_000;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < decisions; i++) {
            index.decide(auctions[i & 8191], decision);
            sink += decision.eligible();
        }
        long nanos = (threads.getCurrentThreadCpuTime() - start) / decisions;
        if (sink == 42) {
            System.out.println(); // keeps the loop from being optimised away
        }
        return new long[] {perPreference, nanos};
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String report(Map<Integer, long[]> footprint, Collection<RunResult> results, String loadBefore) {
        Map<Integer, double[]> decisions = new LinkedHashMap<>(); // size -> {ops/s, p50, p99, p99.9, max} in µs
        List<String> ledger = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            int size = Integer.parseInt(result.getParams().getParam("preferences"));
            Mode mode = result.getParams().getMode();
            if (benchmark.endsWith("LedgerBenchmark.applySnapshot")) {
                ledger.add(String.format(Locale.ROOT, "| %,d | %,.0f |", size,
                        result.getPrimaryResult().getScore() * perSecond(result)));
                continue;
            }
            double[] row = decisions.computeIfAbsent(size, s -> new double[5]);
            if (mode == Mode.Throughput) {
                row[0] = result.getPrimaryResult().getScore() * perSecond(result);
            } else if (mode == Mode.SampleTime) {
                var statistics = result.getPrimaryResult().getStatistics();
                row[1] = statistics.getPercentile(50);
                row[2] = statistics.getPercentile(99);
                row[3] = statistics.getPercentile(99.9);
                row[4] = statistics.getMax();
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("# decision-engine core benchmark\n\n");
        text.append(String.format(Locale.ROOT, "- date: %s%n- machine: %d cores seen by the JVM, %s %s, Java %s (%s)%n"
                        + "- load average before the run: %s; after: %s%n- command: `java -Xms2g -Xmx2g -jar "
                        + "engine-benchmark/target/benchmarks.jar` (JMH 1.37, 1 fork, 1 thread, forks -Xms2g -Xmx2g)%n%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                loadBefore, loadAverage()));
        text.append("| preferences | decisions/s (1 thread) | p50 µs | p99 µs | p99.9 µs | max µs "
                + "| CPU µs/decision | heap bytes/preference |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Integer, double[]> row : decisions.entrySet()) {
            double[] v = row.getValue();
            long[] f = footprint.getOrDefault(row.getKey(), new long[] {-1, -1});
            text.append(String.format(Locale.ROOT, "| %,d | %,.0f | %.2f | %.2f | %.2f | %.0f | %.2f | %d |%n",
                    row.getKey(), v[0], v[1], v[2], v[3], v[4], f[1] / 1000.0, f[0]));
        }
        text.append("\ndecisions/s and percentiles: JMH wall clock (Throughput, SampleTime); CPU µs/decision: thread "
                + "CPU time per decision over 400,000 decisions; heap: used heap after full GCs around building the "
                + "index, per preference.\n");
        if (!ledger.isEmpty()) {
            text.append("\n| preferences | ledger snapshots applied/s (writer thread, each moves the preference) |\n");
            text.append("|---:|---:|\n");
            ledger.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    /** Throughput scores are per {@code timeUnit} (µs here): converts to per second. */
    private static double perSecond(RunResult result) {
        String unit = result.getPrimaryResult().getScoreUnit();
        return unit.startsWith("ops/us") ? 1_000_000 : unit.startsWith("ops/ms") ? 1_000 : 1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
