package io.oktioneer.preference.user;

import io.oktioneer.preference.cache.PreferenceCache;
import io.oktioneer.preference.outbox.PreferenceOutbox;
import io.oktioneer.preference.preference.Preference;
import io.oktioneer.preference.preference.PreferenceRepository;
import io.oktioneer.preference.problem.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users: create/update (a status change republishes each of the user's preferences with the new status) and
 * delete (the user's preferences go too, each with PreferenceDeleted and a tombstone).
 */
@Service
public class UserService {

    private final UserRepository users;
    private final PreferenceRepository preferences;
    private final PreferenceOutbox outbox;
    private final PreferenceCache cache;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UserService(UserRepository users, PreferenceRepository preferences, PreferenceOutbox outbox,
                PreferenceCache cache, TransactionTemplate transactions, Clock clock) {
        this.users = users;
        this.preferences = preferences;
        this.outbox = outbox;
        this.cache = cache;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record PutResult(User user, boolean created, boolean changed) {
    }

    public User get(String userId) {
        return users.find(userId).orElseThrow(() -> NotFoundException.user(userId));
    }

    public PutResult put(String userId, UserDraft draft) {
        PutResult result = transactions.execute(tx -> {
            while (true) {
                Optional<User> existing = users.findForUpdate(userId);
                Instant now = now();
                if (existing.isEmpty()) {
                    User user = new User(userId, draft.displayName(), draft.status(), now, now);
                    if (users.insertIfAbsent(user)) {
                        outbox.userUpdated(user, false, now);
                        return new PutResult(user, true, true);
                    }
                    continue; // a concurrent create committed first: update it instead
                }
                User current = existing.get();
                if (current.sameAs(draft)) {
                    return new PutResult(current, false, false);
                }
                User updated = new User(userId, draft.displayName(), draft.status(), current.createdAt(), now);
                users.update(updated);
                outbox.userUpdated(updated, false, now);
                if (updated.status() != current.status()) {
                    outbox.preferencesUpserted(preferences.touchAllOfUser(userId, now), updated.status());
                }
                return new PutResult(updated, false, true);
            }
        });
        if (result.changed()) {
            cache.invalidateUser(userId);
        }
        return result;
    }

    public void delete(String userId) {
        transactions.executeWithoutResult(tx -> {
            User user = users.findForUpdate(userId).orElseThrow(() -> NotFoundException.user(userId));
            Instant now = now();
            List<Preference> deleted = preferences.deleteAllOfUser(userId).stream()
                    .sorted(Comparator.comparing(Preference::createdAt).thenComparing(Preference::id)).toList();
            outbox.preferencesDeleted(deleted, now);
            users.delete(userId);
            outbox.userUpdated(user, true, now);
        });
        cache.invalidateUser(userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
