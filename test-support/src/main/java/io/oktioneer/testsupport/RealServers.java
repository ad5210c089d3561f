package io.oktioneer.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one entry point to the real servers of integration tests.
 *
 * <p>{@code OKTIONEER_TEST_SERVERS=local} (what {@code ./oktioneer test} sets) uses the servers the launcher
 * started; {@code containers} starts them with Testcontainers; unset, local servers are used when they answer,
 * else containers when Docker answers. When neither is possible the test fails with the reason: a missing
 * server is a failed test, never a skipped one.
 */
public final class RealServers {

    private static ServerEndpoints endpoints;

    private RealServers() {
    }

    public static synchronized ServerEndpoints get() {
        if (endpoints == null) {
            endpoints = choose();
        }
        return endpoints;
    }

    private static ServerEndpoints choose() {
        String mode = System.getenv().getOrDefault("OKTIONEER_TEST_SERVERS", "").toLowerCase(Locale.ROOT);
        LocalServers local = new LocalServers();
        if (mode.equals("containers")) {
            return ContainerServers.shared();
        }
        List<String> unreachable = local.unreachable();
        if (unreachable.isEmpty()) {
            return local;
        }
        if (!mode.equals("local") && ContainerServers.dockerAvailable()) {
            return ContainerServers.shared();
        }
        throw new IllegalStateException("Real servers are not running: " + unreachable
                + ". Run the tests with ./oktioneer test (it starts them), or ./oktioneer infra up first.");
    }

    /** True when the servers are Testcontainers (a Docker host), false when they run natively. */
    public static boolean containers() {
        return get() instanceof ContainerServers;
    }

    /** Where the launcher keeps server data and jars: {@code OKTIONEER_RUN_DIR}, else {@code <root>/.run}. */
    public static Path runDirectory() {
        String configured = System.getenv("OKTIONEER_RUN_DIR");
        return configured == null || configured.isBlank() ? projectRoot().resolve(".run") : Path.of(configured);
    }

    /** The repository root: where the {@code oktioneer} launcher is. */
    public static Path projectRoot() {
        String configured = System.getProperty("oktioneer.root");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("oktioneer")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return start;
    }
}
