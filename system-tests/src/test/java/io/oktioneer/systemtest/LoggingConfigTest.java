package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/logging/filebeat.yml ships every service's log file and decodes its lines as JSON. */
class LoggingConfigTest {

    @Test
    @SuppressWarnings("unchecked")
    void filebeatReadsEveryServiceLogAsNdjsonIntoElasticsearch() {
        Map<String, Object> config = ObservabilityFiles.yaml(ObservabilityFiles.root().resolve("deploy/logging/filebeat.yml"));
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) config.get("filebeat.inputs");
        assertThat(inputs).singleElement().satisfies(input -> {
            List<String> paths = (List<String>) input.get("paths");
            for (String service : Platform.SERVICES) {
                assertThat(paths).as("paths").anyMatch(path -> path.endsWith("/" + service + ".log"));
            }
            List<Map<String, Object>> parsers = (List<Map<String, Object>>) input.get("parsers");
            assertThat(parsers).anySatisfy(parser -> assertThat(parser).containsKey("ndjson"));
        });
        assertThat((Map<String, Object>) config.get("output.elasticsearch")).containsKey("hosts");
    }
}
