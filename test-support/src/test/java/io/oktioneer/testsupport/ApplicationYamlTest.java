package io.oktioneer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

class ApplicationYamlTest {

    private final ApplicationYaml yaml = ApplicationYaml.load("settings-fixture.yml");

    @ConfigurationProperties("fixture")
    record Fixture(String name, int size, int missing, @DefaultValue("5s") Duration repeated,
                   @DefaultValue("7") int changed, @DefaultValue("9") int kept, Nested nested) {
    }

    record Nested(boolean flag, boolean absent) {
    }

    @ConfigurationProperties("fixture")
    record Complete(String name, int size, @DefaultValue("7") int changed, @DefaultValue("9") int kept) {
    }

    @ConfigurationProperties("fixture")
    record Invalid(String name) {
        Invalid {
            if (name.length() < 2) {
                throw new IllegalArgumentException("name too short");
            }
        }
    }

    @Test
    void reportsMissingValuesRepeatedDefaultsAndRecordsThatDoNotBind() {
        List<String> problems = yaml.problems(List.of(Fixture.class, Complete.class, Invalid.class));

        assertEquals(4, problems.size(), String.join("\n", problems));
        assertEquals("fixture.missing", property(problems.get(0)));
        assertEquals("fixture.repeated", property(problems.get(1)));
        assertEquals("fixture.nested.absent", property(problems.get(2)));
        assertEquals("fixture", property(problems.get(3)));
    }

    @Test
    void bindsTheFileUnderOverrides() {
        Complete plain = yaml.bind(Complete.class);
        assertEquals(new Complete("a", 3, 8, 9), plain);
        assertEquals(new Complete("a", 4, 8, 9), yaml.bind(Complete.class, Map.of("fixture.size", "4")));
        assertThrows(RuntimeException.class, () -> yaml.bind(Invalid.class));
    }

    @Test
    void findsTheRecordsOfAPackage() {
        assertEquals(List.of(Complete.class, Fixture.class, Invalid.class),
                ApplicationYaml.recordsIn("io.oktioneer.testsupport"));
    }

    private static String property(String problem) {
        return problem.substring(0, problem.indexOf(':'));
    }
}
