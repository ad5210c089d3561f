package io.oktioneer.auction.budget;

import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.support.events.TypedEventReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each preference's ledger row in step with oktioneer.preferences.v1: owner, currency, total budget (the
 * ledger's cap) and deletion. Tombstones and unknown types are skipped; an unreadable record is logged and
 * skipped rather than blocking the partition.
 */
@Component
class PreferenceEventsListener {

    private static final Logger log = LoggerFactory.getLogger(PreferenceEventsListener.class);
    private static final Map<String, Class<?>> PAYLOADS = Map.of(EventTypes.PREFERENCE_UPSERTED,
            PreferenceUpserted.class, EventTypes.PREFERENCE_DELETED, PreferenceDeleted.class,
            EventTypes.USER_UPDATED, UserUpdated.class);

    private final BudgetStore budgets;
    private final JsonMapper json;

    PreferenceEventsListener(BudgetStore budgets, JsonMapper json) {
        this.budgets = budgets;
        this.json = json;
    }

    @KafkaListener(id = "auction-service-preferences",
            topics = "${oktioneer.kafka.topics.preferences}",
            groupId = "${oktioneer.kafka.preferences-group}", batch = "true",
            properties = {"auto.offset.reset=earliest"})
    void onPreferences(List<ConsumerRecord<String, String>> records) {
        Map<UUID, PreferenceUpserted> upserts = new LinkedHashMap<>();
        Set<UUID> deletions = new LinkedHashSet<>();
        TypedEventReader event = new TypedEventReader(json, PAYLOADS);
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                if (!event.read(record.value())) {
                    log.debug("skipping {} event on {}", event.type(), record.topic());
                    continue;
                }
                switch (event.type()) {
                    case EventTypes.PREFERENCE_UPSERTED -> {
                        PreferenceUpserted upserted = event.payload(PreferenceUpserted.class);
                        deletions.remove(upserted.preferenceId());
                        upserts.merge(upserted.preferenceId(), upserted,
                                (old, now) -> now.version() >= old.version() ? now : old);
                    }
                    case EventTypes.PREFERENCE_DELETED -> {
                        PreferenceDeleted deleted = event.payload(PreferenceDeleted.class);
                        deletions.add(deleted.preferenceId());
                    }
                    case EventTypes.USER_UPDATED -> {
                        flush(upserts, deletions);
                        UserUpdated user = event.payload(UserUpdated.class);
                        budgets.user(user.userId(), user.deleted(), user.updatedAt());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("skipping unreadable record {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
            }
        }
        flush(upserts, deletions);
    }

    private void flush(Map<UUID, PreferenceUpserted> upserts, Set<UUID> deletions) {
        if (!upserts.isEmpty() || !deletions.isEmpty()) {
            budgets.apply(upserts.values(), deletions);
            upserts.clear();
            deletions.clear();
        }
    }
}
