package io.oktioneer.systemtest;

import io.oktioneer.testsupport.ProcessPriority;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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

    static final int STARTING_NICE = ProcessPriority.STARTING_NICE;

    /** Starts {@code command} at a lower CPU priority (see the class comment); {@link #raisePriority} ends it. */
    static ChildProcess startStartingNiced(String name, int port, List<String> command, Path log, Path directory) {
        return start(name, port, ProcessPriority.niced(command), log, directory);
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

    /** Every thread of the process back to nice 0 ({@link ProcessPriority#raise}). */
    void raisePriority() {
        ProcessPriority.raise(name, process.pid());
    }

    /** The nice value of each thread of the process. */
    Set<Integer> niceValues() {
        return ProcessPriority.niceValues(process.pid());
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
