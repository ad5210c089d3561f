package io.oktioneer.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real tools the checks run (kubectl, docker-compose, node, promtool). {@link #ensure()} installs what
 * is missing once per test JVM through deploy/checks/ensure-tools.sh, and fails (never skips) when a tool
 * cannot be had.
 */
final class Tools {

    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static boolean ensured;

    private Tools() {
    }

    static synchronized void ensure() {
        if (ensured) {
            return;
        }
        Result result = run(List.of("bash", Repo.path("deploy/checks/ensure-tools.sh").toString(), nodeDir().toString()),
                Map.of(), Duration.ofMinutes(9));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the deploy checks' tools are missing and could not be installed:\n" + result.describe());
        }
        ensured = true;
    }

    static Path nodeDir() {
        return Repo.WORK.resolve("node");
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Files.createDirectories(Repo.WORK);
            Path out = Files.createTempFile(Repo.WORK, "out", ".txt");
            Path err = Files.createTempFile(Repo.WORK, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed; returns its standard output. */
    static String check(List<String> command, Map<String, String> environment) {
        ensure();
        Result result = run(command, environment, Duration.ofMinutes(3));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.describe());
        }
        return result.stdout();
    }

    /** Runs one of the node scripts of deploy/checks (installed beside their node_modules). */
    static String node(String script, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("node", nodeDir().resolve(script).toString()));
        command.addAll(arguments);
        return check(command, Map.of());
    }
}
