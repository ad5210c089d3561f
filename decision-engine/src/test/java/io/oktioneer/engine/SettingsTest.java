package io.oktioneer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.engine.decision.DecisionProperties;
import io.oktioneer.engine.feed.FeedProperties;
import io.oktioneer.engine.feed.TopicProperties;
import io.oktioneer.support.warmup.WarmupProperties;
import io.oktioneer.testsupport.ApplicationYaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each setting in one place: every properties record the service binds, bound from its real application.yml.
 * The file sets each value a record has no default for (a missing int or boolean would bind to 0 or false without
 * a word): the records carry none.
 */
class SettingsTest {

    @Test
    void everySettingIsInApplicationYmlOnce() {
        List<Class<?>> records = new ArrayList<>(ApplicationYaml.recordsIn("io.oktioneer.engine"));
        assertThat(records).contains(DecisionProperties.class, FeedProperties.class, TopicProperties.class);
        records.addAll(List.of(WarmupProperties.class));

        assertThat(ApplicationYaml.load().problems(records)).isEmpty();
    }
}
