package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The team's rule: no class in main code over 300 lines (every module's src/main/java; generated code aside). */
class MainClassSizeTest {

    static final int MAX_LINES = 300;

    @Test
    void noMainClassIsOverThreeHundredLines() {
        Map<String, Integer> sizes = mainSources();
        assertThat(sizes).as("main sources found").hasSizeGreaterThan(100)
                .containsKeys("decision-engine/src/main/java/io/oktioneer/engine/index/PreferenceIndex.java");

        Map<String, Integer> offenders = new TreeMap<>();
        sizes.forEach((file, lines) -> {
            if (lines > MAX_LINES) {
                offenders.put(file, lines);
            }
        });
        assertThat(offenders).as("classes over %d lines (split them by responsibility)", MAX_LINES).isEmpty();
    }

    /** Lines of every .java file under a module's src/main/java, by path from the repository root. */
    private static Map<String, Integer> mainSources() {
        Map<String, Integer> sizes = new TreeMap<>();
        try (Stream<Path> modules = Files.list(Repo.ROOT)) {
            for (Path module : modules.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String relative = Repo.ROOT.relativize(file).toString().replace('\\', '/');
                        if (!relative.contains("/generated")) {
                            sizes.put(relative, Files.readAllLines(file).size());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sizes;
    }
}
