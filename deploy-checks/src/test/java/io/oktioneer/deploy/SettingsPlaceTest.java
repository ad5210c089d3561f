package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A service's {@code oktioneer.*} defaults have one place, its application.yml (which {@link ServiceSettings}
 * compares the deployments against): the code of a service gives none of its own, neither a {@code @DefaultValue}
 * in a properties record nor a {@code ${oktioneer.x:default}} in a placeholder. Whether the file sets every value a
 * record needs is each service's SettingsTest (it binds the records from the real file). service-support's shared
 * OutboxProperties keeps its defaults in the record; the services' SettingsTest fails on a file that repeats one.
 */
class SettingsPlaceTest {

    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{(oktioneer\\.[^}:]+):");

    @Test
    void theServicesCodeGivesNoDefaultOfItsOwn() {
        List<String> problems = new ArrayList<>();
        int records = 0;
        for (String service : ServiceSettings.PORTS.keySet()) {
            for (Path file : mainSources(service)) {
                String source = read(file);
                String name = Repo.ROOT.relativize(file).toString().replace('\\', '/');
                if (source.contains("@ConfigurationProperties(")) {
                    records++;
                    if (source.contains("@DefaultValue")) {
                        problems.add(name + ": @DefaultValue (set it in " + service + "'s application.yml instead)");
                    }
                }
                Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(source);
                while (placeholder.find()) {
                    problems.add(name + ": a default for " + placeholder.group(1) + " (set it in " + service
                            + "'s application.yml instead)");
                }
            }
        }
        assertThat(records).as("properties records found").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    private static List<Path> mainSources(String service) {
        try (Stream<Path> files = Files.walk(Repo.ROOT.resolve(service).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
