package io.oktioneer.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Turns one {@code ./oktioneer bench} run directory into a compact Markdown summary: per step the latency
 * percentiles of evaluate through the gateway (and straight to the auction-service), errors, the BID/NO_BID
 * mix, the CPU each process used, the step where p99 first exceeds the 5 ms target, and the data checks.
 * Writes {@code summary.md} into the run directory and appends it to {@code docs/performance.md}.
 *
 * <p>Usage: {@code BenchReport <runDir> <performance.md>}
 */
public final class BenchReport {

    static final long TARGET_P99_MS = 5;

    public static void main(String[] args) throws IOException {
        Path runDir = Path.of(args[0]);
        String summary = summarise(runDir);
        Files.writeString(runDir.resolve("summary.md"), summary);
        Path history = Path.of(args[1]);
        if (!Files.exists(history) || !Files.readString(history).contains(HISTORY_HEADING)) {
            Files.writeString(history, "\n" + HISTORY_HEADING + "\n\nNewest last. Each run: `./oktioneer bench`"
                    + " (see docs/performance.md, SLA benchmark).\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Files.writeString(history, "\n" + summary, StandardOpenOption.APPEND);
        System.out.print(summary);
    }

    static final String HISTORY_HEADING = "## SLA benchmark runs (history)";

    static String summarise(Path runDir) throws IOException {
        Properties run = properties(runDir.resolve("run.properties"));
        StringBuilder md = new StringBuilder();
        md.append("### ").append(run.getProperty("started")).append(" — `").append(run.getProperty("command"))
                .append("`\n\n");
        md.append("Machine: ").append(run.getProperty("machine")).append(". Population: ")
                .append(run.getProperty("users")).append(" users, ").append(run.getProperty("preferences"))
                .append(" preferences. Step duration ").append(run.getProperty("duration")).append(" s (+3 s ramp),")
                .append(" open model (Gatling constantUsersPerSec). Latency in ms (Gatling's resolution).\n\n");
        md.append("| step (eval/s) | path | evaluations | errors | p50 | p95 | p99 | p99.9 | max | BID | NO_BID | CPU (% of one core) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        String firstOver = null;
        String p99At2000 = "not measured";
        for (Path step : steps(runDir)) {
            Properties info = properties(step.resolve("step.properties"));
            Map<String, GatlingStats> stats = GatlingStats.read(Path.of(info.getProperty("report")));
            GatlingStats evaluations = stats.get("evaluate");
            GatlingStats all = stats.get("All Requests");
            if (evaluations == null || all == null) {
                continue;
            }
            Map<String, Long> mix = mix(step.resolve("mix.txt"));
            long bids = mix.getOrDefault("BID", 0L);
            long noBids = mix.entrySet().stream().filter(e -> e.getKey().startsWith("NO_BID"))
                    .mapToLong(Map.Entry::getValue).sum();
            String mode = info.getProperty("mode");
            int rate = Integer.parseInt(info.getProperty("rate"));
            md.append("| ").append(rate).append(" | ").append(mode.equals("direct") ? "auction-service direct" : "gateway")
                    .append(" | ").append(evaluations.total()).append(" | ").append(all.ko()).append(" | ")
                    .append(evaluations.p50()).append(" | ").append(evaluations.p95()).append(" | ")
                    .append(evaluations.p99()).append(" | ").append(evaluations.p999()).append(" | ")
                    .append(evaluations.max()).append(" | ").append(bids).append(" | ").append(noBids)
                    .append(noBidReasons(mix)).append(" | ").append(cpu(step, info)).append(" |\n");
            if (mode.equals("gateway")) {
                if (firstOver == null && evaluations.p99() > TARGET_P99_MS) {
                    firstOver = rate + "/s (p99 " + evaluations.p99() + " ms)";
                }
                if (rate == 2000) {
                    p99At2000 = evaluations.p99() + " ms, " + all.ko() + " errors";
                }
            }
        }
        md.append(cpuPerEvaluation(runDir));
        md.append("\n- p99 first exceeds ").append(TARGET_P99_MS).append(" ms (through the gateway) at: ")
                .append(firstOver == null ? "no step measured" : firstOver).append("\n");
        md.append("- p99 at 2,000/s through the gateway: ").append(p99At2000).append("\n");
        Path idle = runDir.resolve("idle-latency.txt");
        if (Files.exists(idle)) {
            md.append("- ").append(Files.readString(idle).strip()).append(" (SPEC §9: p50 <= 2 ms)\n");
        }
        Path checks = runDir.resolve("checks.txt");
        md.append("- Data checks after the run: ")
                .append(Files.exists(checks) ? Files.readString(checks).strip().replace("\n", "; ") : "not run")
                .append("\n");
        md.append("- Reports: ").append(runDir).append(" (Gatling HTML under load-tests/target/gatling/)\n");
        return md.toString();
    }

    /**
     * CPU per evaluation per process (ms) over each step's steady window ({@link SteadyCpu}); the load tool apart.
     * Results posted in the step are part of the work, so their cost is counted in.
     */
    static String cpuPerEvaluation(Path runDir) throws IOException {
        Map<Path, Map<String, Long>> windows = new LinkedHashMap<>();
        java.util.Set<String> processes = new java.util.TreeSet<>();
        for (Path step : steps(runDir)) {
            Path file = step.resolve("cpu-steady.txt");
            if (Files.exists(file)) {
                Map<String, Long> values = ticks(file);
                windows.put(step, values);
                values.keySet().stream().filter(k -> !k.equals("windowMillis") && !k.equals("evaluations"))
                        .forEach(processes::add);
            }
        }
        if (windows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\nCPU per evaluation, ms (from /proc over the steady window of each step,"
                + " the load tool apart; results posted in the window included):\n\n| step | path | window s | evaluations |");
        processes.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" platform total |\n|---|---|---|---|");
        processes.forEach(p -> md.append("---|"));
        md.append("---|\n");
        windows.forEach((step, values) -> {
            String[] name = step.getFileName().toString().split("-");
            long evaluations = values.getOrDefault("evaluations", 0L);
            md.append("| ").append(Integer.parseInt(name[1])).append(" | ")
                    .append(name[0].equals("direct") ? "auction-service direct" : "gateway").append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", values.getOrDefault("windowMillis", 0L) / 1000.0))
                    .append(" | ").append(evaluations).append(" |");
            long total = 0;
            for (String process : processes) {
                long ticks = values.getOrDefault(process, 0L);
                total += ticks;
                md.append(' ').append(msPerEvaluation(ticks, evaluations)).append(" |");
            }
            md.append(' ').append(msPerEvaluation(total, evaluations)).append(" |\n");
        });
        return md.toString();
    }

    /** Clock ticks (10 ms each) spread over the evaluations, in ms with three decimals. */
    static String msPerEvaluation(long ticks, long evaluations) {
        return evaluations <= 0 ? "-" : String.format(java.util.Locale.ROOT, "%.3f", ticks * 10.0 / evaluations);
    }

    /** The gateway steps by rate, then the direct (gateway overhead) step: directories are MODE-RATE. */
    static List<Path> steps(Path runDir) throws IOException {
        try (Stream<Path> dirs = Files.list(runDir)) {
            return dirs.filter(p -> Files.exists(p.resolve("step.properties")))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().startsWith("direct"))
                            .thenComparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static String noBidReasons(Map<String, Long> mix) {
        List<String> reasons = new ArrayList<>();
        mix.forEach((key, count) -> {
            if (key.startsWith("NO_BID ")) {
                reasons.add(key.substring(7) + " " + count);
            }
        });
        return reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")";
    }

    /** CPU used per process during the step, from /proc ticks sampled before and after (100 ticks/s). */
    static String cpu(Path step, Properties info) throws IOException {
        Map<String, Long> before = ticks(step.resolve("cpu-before.txt"));
        Map<String, Long> after = ticks(step.resolve("cpu-after.txt"));
        double seconds = (Long.parseLong(info.getProperty("endMillis")) - Long.parseLong(info.getProperty("startMillis"))) / 1000.0;
        List<String> parts = new ArrayList<>();
        after.forEach((name, ticks) -> {
            Long start = before.get(name);
            if (start != null && seconds > 0) {
                parts.add(name + " " + Math.round((ticks - start) / seconds));
            }
        });
        return String.join(", ", parts);
    }

    private static Map<String, Long> ticks(Path file) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    ticks.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        }
        return ticks;
    }

    private static Map<String, Long> mix(Path file) throws IOException {
        Map<String, Long> mix = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.lastIndexOf('=');
                if (eq > 0) {
                    mix.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
                }
            }
        }
        return mix;
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
