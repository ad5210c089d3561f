package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published OpenAPI documents (docs/openapi/, each kept equal to its live document by a test of its service)
 * lint clean with Redocly CLI's recommended ruleset (docs/openapi/redocly.yaml): no errors; warnings are printed.
 * Redocly CLI is pinned in deploy/checks/package.json and installed with the other check tools.
 */
class OpenApiLintTest {

    static final List<String> DOCUMENTS = List.of("preference", "auction", "analytics", "gateway");

    static List<String> documents() {
        return DOCUMENTS;
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theDocumentLintsCleanWithTheRecommendedRules(String name) {
        Tools.ensure();
        Path cli = Tools.nodeDir().resolve("node_modules/@redocly/cli/bin/cli.js");
        assertThat(cli).as("Redocly CLI installed by deploy/checks/ensure-tools.sh").exists();
        Tools.Result result = Tools.run(List.of("node", cli.toString(), "lint", "--config",
                        Repo.path("docs/openapi/redocly.yaml").toString(), "--format", "stylish",
                        Repo.path("docs/openapi/" + name + ".json").toString()),
                Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), Duration.ofMinutes(3));
        System.out.println("redocly lint docs/openapi/" + name + ".json:\n" + result.stdout() + result.stderr());
        assertThat(result.exitCode()).as("redocly lint docs/openapi/%s.json\n%s", name, result.describe())
                .isZero();
    }

    @Test
    void everyCommittedDocumentIsLinted() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path("docs/openapi"))) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(file -> file.endsWith(".json"))
                    .map(file -> file.substring(0, file.length() - ".json".length())))
                    .containsExactlyInAnyOrderElementsOf(DOCUMENTS);
        }
    }
}
