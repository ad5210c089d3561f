package io.oktioneer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command lines of {@link NativePrivateServer}: the binaries and jars {@code ./oktioneer infra up} installed
 * (deploy/local/launcher/servers/), run as the launcher runs them.
 */
final class NativeCommands {

    private NativeCommands() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** The newest installed PostgreSQL's binary, e.g. {@code /usr/lib/postgresql/15/bin/initdb}. */
    static String postgresBinary(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin").resolve(name)).filter(Files::isExecutable)
                    .max(Comparator.comparingInt(NativeCommands::majorVersion))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL under /usr/lib/postgresql (./oktioneer infra up installs it)", e);
        }
    }

    private static int majorVersion(Path binary) {
        try {
            return Integer.parseInt(binary.getParent().getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String> kafkaCommand(String mainClass, String... args) {
        Path lib = RealServers.runDirectory().resolve("lib/kafka");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m",
                "-Dlog4j2.configurationFile=" + RealServers.projectRoot().resolve("deploy/local/kafka-log4j2.properties"),
                "-cp", lib + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a set-up command to its end, its output in {@code log}; fails when it fails or overruns. */
    static void run(List<String> command, int seconds, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("failed: " + command + " (see " + log + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
