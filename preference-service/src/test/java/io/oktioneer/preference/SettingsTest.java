package io.oktioneer.preference;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.cache.CacheProperties;
import io.oktioneer.preference.outbox.TopicProperties;
import io.oktioneer.support.openapi.ApiDocumentProperties;
import io.oktioneer.support.outbox.OutboxProperties;
import io.oktioneer.testsupport.ApplicationYaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each setting in one place: every properties record the service binds, bound from its real application.yml.
 * The file sets each value a record has no default for (a missing int or boolean would bind to 0 or false without
 * a word) and repeats no default a shared record of service-support keeps (OutboxProperties).
 */
class SettingsTest {

    @Test
    void everySettingIsInApplicationYmlOnce() {
        List<Class<?>> records = new ArrayList<>(ApplicationYaml.recordsIn("io.oktioneer.preference"));
        assertThat(records).contains(CacheProperties.class, TopicProperties.class);
        records.addAll(List.of(OutboxProperties.class, ApiDocumentProperties.class));

        assertThat(ApplicationYaml.load().problems(records)).isEmpty();
    }
}
