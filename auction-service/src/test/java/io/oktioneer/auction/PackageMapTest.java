package io.oktioneer.auction;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, enforced on the main sources: each package of
 * {@code io.oktioneer.auction} refers only to the packages the map lets it use, and the map has no cycle, so
 * every arrow points one way. (The size rule for every module is deploy-checks' MainClassSizeTest.)
 */
class PackageMapTest {

    private static final Path SOURCES = Path.of("src/main/java/io/oktioneer/auction");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.oktioneer\\.auction(?:\\.(\\w+))?;",
            Pattern.MULTILINE);
    /** A reference to a type of another package: an import (static too) or a qualified name in the code. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.oktioneer\\.auction\\.([a-z]\\w*)\\.[A-Za-z]");

    /** Package → the packages it may use ("" is the root package: the application class). */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            entry("money", Set.of()),
            entry("auction", Set.of("money")),
            entry("outbox", Set.of()),
            entry("metrics", Set.of("auction")),
            entry("engine", Set.of("metrics")),
            entry("ledger", Set.of("auction", "money", "metrics", "outbox")),
            entry("web", Set.of("money")),
            entry("evaluation", Set.of("auction", "engine", "ledger", "metrics", "money", "outbox", "web")),
            entry("result", Set.of("auction", "ledger", "metrics", "money", "outbox", "web")),
            entry("expiry", Set.of("auction", "ledger", "metrics")),
            entry("query", Set.of("auction", "evaluation", "result", "web")),
            entry("budget", Set.of("money", "web")),
            entry("warmup", Set.of()),
            entry("", Set.of()));

    @Test
    void everyPackageUsesOnlyWhatTheMapAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : mainSources()) {
            violations.addAll(violations(SOURCES.relativize(file).toString(), Files.readString(file)));
        }
        assertThat(violations).as("references against the package map (docs/architecture.md)").isEmpty();
    }

    @Test
    void theMapPointsOneWay() {
        for (String start : MAY_USE.keySet()) {
            assertThat(reachable(start)).as("packages reachable from '%s'", start).doesNotContain(start);
        }
        MAY_USE.values().forEach(used -> assertThat(MAY_USE.keySet()).containsAll(used));
    }

    @Test
    void anArrowBackUpIsReported() {
        String source = """
                package io.oktioneer.auction.ledger;

                import io.oktioneer.auction.auction.AuctionKey;
                import io.oktioneer.auction.evaluation.EvaluationService;

                class Sample {
                    Object trace = io.oktioneer.auction.web.ApiProblem.class;
                }
                """;
        assertThat(violations("ledger/Sample.java", source)).containsExactly(
                "ledger/Sample.java: ledger uses evaluation", "ledger/Sample.java: ledger uses web");
        assertThat(violations("novel/Sample.java", "package io.oktioneer.auction.novel;\n"))
                .containsExactly("novel/Sample.java: package novel is not on the map");
    }

    static List<String> violations(String file, String source) {
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            return List.of(file + ": no io.oktioneer.auction package declaration");
        }
        String own = declared.group(1) == null ? "" : declared.group(1);
        Set<String> allowed = MAY_USE.get(own);
        if (allowed == null) {
            return List.of(file + ": package " + own + " is not on the map");
        }
        Set<String> used = new TreeSet<>();
        Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
        while (reference.find()) {
            used.add(reference.group(1));
        }
        used.remove(own);
        return used.stream().filter(p -> !allowed.contains(p)).map(p -> file + ": " + own + " uses " + p).toList();
    }

    private static Set<String> reachable(String start) {
        Set<String> seen = new HashSet<>();
        List<String> next = new ArrayList<>(MAY_USE.get(start));
        while (!next.isEmpty()) {
            String p = next.removeLast();
            if (seen.add(p)) {
                next.addAll(MAY_USE.getOrDefault(p, Set.of()));
            }
        }
        return seen;
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertThat(sources).as("main sources under " + SOURCES.toAbsolutePath()).isNotEmpty();
            return sources;
        }
    }
}
