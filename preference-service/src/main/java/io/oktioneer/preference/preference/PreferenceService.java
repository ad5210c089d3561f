package io.oktioneer.preference.preference;

import io.oktioneer.preference.cache.PreferenceCache;
import io.oktioneer.preference.outbox.PreferenceOutbox;
import io.oktioneer.preference.problem.NotFoundException;
import io.oktioneer.preference.problem.VersionMismatchException;
import io.oktioneer.preference.user.UserRepository;
import io.oktioneer.preference.user.UserStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Preference reads (through the cache) and writes (one transaction with their outbox events, the user row
 * share-locked so the user's status in the events is the committed one; cache invalidated after commit).
 */
@Service
public class PreferenceService {

    private final UserRepository users;
    private final PreferenceRepository preferences;
    private final PreferenceOutbox outbox;
    private final PreferenceCache cache;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PreferenceService(UserRepository users, PreferenceRepository preferences, PreferenceOutbox outbox,
                      PreferenceCache cache, TransactionTemplate transactions, Clock clock) {
        this.users = users;
        this.preferences = preferences;
        this.outbox = outbox;
        this.cache = cache;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Preference get(String userId, UUID id) {
        return cache.read(PreferenceCache.SINGLE, userId, "p:" + id, Preference.class,
                () -> preferences.find(userId, id).orElseThrow(() -> notFound(userId, id)));
    }

    public PreferencePage list(String userId, PageRequest page) {
        return cache.read(PreferenceCache.PAGE, userId, "l:" + page.page() + ":" + page.size(), PreferencePage.class,
                () -> {
                    if (!users.exists(userId)) {
                        throw NotFoundException.user(userId);
                    }
                    return PreferencePage.of(preferences.page(userId, page), page, preferences.count(userId));
                });
    }

    public Preference create(String userId, PreferenceDraft draft) {
        Preference created = transactions.execute(tx -> {
            UserStatus status = users.statusForShare(userId).orElseThrow(() -> NotFoundException.user(userId));
            Preference preference = Preference.create(UUID.randomUUID(), userId, draft, now());
            preferences.insert(preference);
            outbox.preferencesUpserted(List.of(preference), status);
            return preference;
        });
        cache.invalidateUser(userId);
        return created;
    }

    /** Full replace; {@code ifMatch} must name the current version (428 is the caller's to answer when absent). */
    public Preference replace(String userId, UUID id, PreferenceDraft draft, IfMatch ifMatch) {
        Preference replaced = transactions.execute(tx -> {
            UserStatus status = users.statusForShare(userId).orElseThrow(() -> NotFoundException.user(userId));
            Preference current = preferences.findForUpdate(userId, id)
                    .orElseThrow(() -> NotFoundException.preference(userId, id));
            if (!ifMatch.matches(current.version())) {
                throw new VersionMismatchException(current.version());
            }
            Preference next = current.replacedBy(draft, now());
            preferences.update(next);
            outbox.preferencesUpserted(List.of(next), status);
            return next;
        });
        cache.invalidateUser(userId);
        return replaced;
    }

    /** Deletes the preference; {@code ifMatch} is optional here (null: unconditional). */
    public void delete(String userId, UUID id, IfMatch ifMatch) {
        transactions.executeWithoutResult(tx -> {
            users.statusForShare(userId).orElseThrow(() -> NotFoundException.user(userId));
            Preference current = preferences.findForUpdate(userId, id)
                    .orElseThrow(() -> NotFoundException.preference(userId, id));
            if (ifMatch != null && !ifMatch.matches(current.version())) {
                throw new VersionMismatchException(current.version());
            }
            preferences.delete(userId, id);
            outbox.preferencesDeleted(List.of(current), now());
        });
        cache.invalidateUser(userId);
    }

    private NotFoundException notFound(String userId, UUID id) {
        return users.exists(userId) ? NotFoundException.preference(userId, id) : NotFoundException.user(userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
