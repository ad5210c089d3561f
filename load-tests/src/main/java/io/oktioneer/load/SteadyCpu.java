package io.oktioneer.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * CPU per evaluation over the steady part of a bench step (SPEC §9): the load tool reads {@code /proc/<pid>/stat}
 * of every process the launcher started, once when the ramp has settled and once just before the step ends,
 * together with the number of evaluations sent in between. The load tool itself is not among them. A process counts
 * with its children (PostgreSQL's backends are children of the postmaster): its own utime + stime, its waited-for
 * children's cutime + cstime, and the utime + stime of its live descendants.
 *
 * <p>Written as {@code cpu-steady.txt}: {@code windowMillis N}, {@code evaluations N}, then {@code <process> <ticks>}
 * per process (clock ticks, 100 per second on Linux).
 */
public final class SteadyCpu {

    private final Path pidDir;
    private final LongSupplier evaluations;
    private Map<String, Long> startTicks;
    private long startEvaluations;
    private long startMillis;

    public SteadyCpu(Path pidDir, LongSupplier evaluations) {
        this.pidDir = pidDir;
        this.evaluations = evaluations;
    }

    /** Samples the start of the window. */
    public synchronized void begin() {
        startTicks = ticks(pidDir);
        startEvaluations = evaluations.getAsLong();
        startMillis = System.currentTimeMillis();
    }

    /** Samples the end of the window and writes the deltas. */
    public synchronized void end(Path out) throws IOException {
        if (startTicks == null) {
            return;
        }
        Map<String, Long> endTicks = ticks(pidDir);
        StringBuilder lines = new StringBuilder();
        lines.append("windowMillis ").append(System.currentTimeMillis() - startMillis).append('\n');
        lines.append("evaluations ").append(evaluations.getAsLong() - startEvaluations).append('\n');
        endTicks.forEach((name, ticks) -> {
            Long start = startTicks.get(name);
            if (start != null) {
                lines.append(name).append(' ').append(ticks - start).append('\n');
            }
        });
        Files.writeString(out, lines);
    }

    /** utime + stime of every {@code <name>.pid} process in the directory. */
    static Map<String, Long> ticks(Path pidDir) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<Long, String[]> processes = processes();
        try (Stream<Path> files = Files.list(pidDir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().forEach(f -> {
                String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    ticks.put(name, treeTicks(pid, processes));
                } catch (IOException | RuntimeException e) {
                    // a process that is gone has no CPU to report
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + pidDir, e);
        }
        return ticks;
    }

    /** The fields of /proc/PID/stat from field 3 (state) on: the command name may contain spaces. */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    /** utime + stime (fields 14, 15) and cutime + cstime (16, 17) of one process, from its stat line. */
    static long ownTicks(String[] fields, boolean withWaitedChildren) {
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withWaitedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    private static long treeTicks(long root, Map<Long, String[]> processes) {
        String[] fields = processes.get(root);
        if (fields == null) {
            throw new IllegalStateException("no process " + root);
        }
        long total = ownTicks(fields, true);
        for (Map.Entry<Long, String[]> e : processes.entrySet()) {
            if (Long.parseLong(e.getValue()[1]) == root) {
                total += treeTicks(e.getKey(), processes);
            }
        }
        return total;
    }

    /** Every process on the machine: pid -> stat fields (field 3 on; index 1 is the parent pid). */
    static Map<Long, String[]> processes() {
        Map<Long, String[]> all = new java.util.HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(d -> {
                try {
                    all.put(Long.parseLong(d.getFileName().toString()), statFields(Files.readString(d.resolve("stat"))));
                } catch (IOException | RuntimeException e) {
                    // exited meanwhile
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return all;
    }
}
