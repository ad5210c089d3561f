package io.oktioneer.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process the platform started, its output appended to one log file (as {@code ./oktioneer up} does).
 *
 * <p>Start-up priority: a JVM starting (class loading, JIT, its warm-up) takes every core it can get, and on a
 * 2-core machine that starves the services already answering. {@link #startStartingNiced} starts it at
 * {@code nice} {@value #STARTING_NICE}, and {@link #raisePriority} puts every thread of it back to 0 once it is
 * ready, as the launcher does; in Kubernetes a pod's CPU request and limit keep a starting replica from taking
 * the running ones' share.
 */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private ChildProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static final int STARTING_NICE = 10;

    /** Starts {@code command} at a lower CPU priority (see the class comment); {@link #raisePriority} ends it. */
    static ChildProcess startStartingNiced(String name, int port, List<String> command, Path log, Path directory) {
        List<String> niced = new ArrayList<>(List.of("nice", "-n", Integer.toString(STARTING_NICE)));
        niced.addAll(command);
        return start(name, port, niced, log, directory);
    }

    static ChildProcess start(String name, int port, List<String> command, Path log, Path directory) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ChildProcess(name, port, log, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + command, e);
        }
    }

    /**
     * Every thread of the process back to nice 0 (nice is per thread on Linux; threads started later inherit it
     * from the thread that starts them). Lowering a nice value needs root, which the test servers need anyway.
     */
    void raisePriority() {
        for (int pass = 0; pass < 2; pass++) { // a second pass for threads started during the first
            List<String> command = new ArrayList<>(List.of("renice", "-n", "0", "-p"));
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                tasks.map(task -> task.getFileName().toString()).forEach(command::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the threads of " + name + " (pid " + process.pid() + ")", e);
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

    /** The nice value of each thread of the process (field 19 of /proc/PID/task/TID/stat). */
    Set<Integer> niceValues() {
        Set<Integer> values = new TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // after the ")" closing the thread name: state is field 3, nice field 19
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    values.add(Integer.parseInt(fields[19 - 3]));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Polls {@code url} until it answers 200; fails with the log's tail when the process exits or time runs out. */
    void awaitReady(String url, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready."
                        + " Last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not ready at " + url + " within " + timeout + " (last: " + last
                + "). Last lines of " + log + ":\n" + tail(40));
    }

    /** SIGKILL, as a crash: returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int count) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
