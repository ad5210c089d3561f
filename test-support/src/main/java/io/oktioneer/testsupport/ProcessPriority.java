package io.oktioneer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Start-up priority of the processes the tests start (docs/operations.md, "Start-up priority"): a JVM or a
 * server that starts takes every core it can get, and on a 2-core machine that made the running services answer
 * late (a Kafka broker restarted in the fault suite: evaluations ~1.1 s for a 1 s deadline). A process is
 * started at {@code nice} {@value #STARTING_NICE} and put back to 0 once it is ready, as the launcher does.
 */
public final class ProcessPriority {

    public static final int STARTING_NICE = 10;

    private ProcessPriority() {
    }

    /** {@code command} run at the starting priority. */
    public static List<String> niced(List<String> command) {
        List<String> niced = new ArrayList<>(List.of("nice", "-n", Integer.toString(STARTING_NICE)));
        niced.addAll(command);
        return niced;
    }

    /**
     * Every thread of process {@code pid} back to nice 0 (nice is per thread on Linux; threads started later
     * inherit it from the thread that starts them). Lowering a nice value needs root, which the test servers
     * need anyway.
     */
    public static void raise(String name, long pid) {
        for (int pass = 0; pass < 2; pass++) { // a second pass for threads started during the first
            List<String> command = new ArrayList<>(List.of("renice", "-n", "0", "-p"));
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                tasks.map(task -> task.getFileName().toString()).forEach(command::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the threads of " + name + " (pid " + pid + ")", e);
            }
            try {
                Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // a thread may end between the listing and renice: that is not a failure of the others
                if (renice.waitFor() != 0 && !output.contains("No such process")) {
                    throw new IllegalStateException("renice of " + name + " failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The nice value of each thread of process {@code pid} (field 19 of /proc/PID/task/TID/stat). */
    public static Set<Integer> niceValues(long pid) {
        Set<Integer> values = new TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // after the ")" closing the thread name: state is field 3, nice field 19
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    values.add(Integer.parseInt(fields[19 - 3]));
                } catch (NoSuchFileException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
