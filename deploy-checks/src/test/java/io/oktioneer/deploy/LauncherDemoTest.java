package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./oktioneer demo}'s arguments, read by the launcher itself: nothing here starts a platform or sends
 * traffic (the run directory is a temporary one, the gateway port a closed one).
 */
class LauncherDemoTest {

    @TempDir
    Path run;

    record Outcome(int exitCode, String output) {
    }

    @Test
    void helpListsTheDemoWithItsOptions() throws Exception {
        Outcome help = launcher("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("demo [--rate R] [--duration S]")
                .contains("20 evaluations/s for 60 s");

        Outcome demoHelp = launcher("demo", "--help");
        assertThat(demoHelp.exitCode()).isZero();
        assertThat(demoHelp.output()).startsWith("usage: ./oktioneer demo [--rate R] [--duration S]");
    }

    @Test
    void badArgumentsAreRefusedWithTheUsage() throws Exception {
        List<List<String>> bad = List.of(List.of("--rate"), List.of("--rate", "x"), List.of("--rate", "0"),
                List.of("--rate", "-5"), List.of("--rate", "2.5"), List.of("--duration", ""),
                List.of("--rate", "1001"), List.of("--duration", "86401"), List.of("--duration", "99999999999999999999"),
                List.of("--bogus"), List.of("20"));
        for (List<String> arguments : bad) {
            List<String> command = new ArrayList<>(List.of("demo"));
            command.addAll(arguments);
            Outcome outcome = launcher(command.toArray(String[]::new));
            assertThat(outcome.exitCode()).as("demo %s", arguments).isNotZero();
            assertThat(outcome.output()).as("demo %s", arguments).contains("usage: ./oktioneer demo");
        }
    }

    @Test
    void goodArgumentsGetAsFarAsThePlatform() throws Exception {
        Outcome noKeys = launcher("demo", "--rate", "5", "--duration", "10");
        assertThat(noKeys.exitCode()).isNotZero();
        assertThat(noKeys.output()).contains("no demo keys in " + run.resolve("demo-keys.env"))
                .contains("./oktioneer up first").doesNotContain("usage:");

        Files.writeString(run.resolve("demo-keys.env"), "DEMO_BIDDER_KEY=b\nDEMO_EXCHANGE_KEY=e\nDEMO_USER_KEY=u\n");
        Outcome noGateway = launcher("demo", "--duration", "86400", "--rate", "1000");
        assertThat(noGateway.exitCode()).isNotZero();
        assertThat(noGateway.output()).contains("the gateway is not ready").doesNotContain("usage:");
    }

    private Outcome launcher(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Repo.path("oktioneer").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OKTIONEER_RUN_DIR", run.toString());
        builder.environment().put("OKTIONEER_GATEWAY_PORT", Integer.toString(closedPort()));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
