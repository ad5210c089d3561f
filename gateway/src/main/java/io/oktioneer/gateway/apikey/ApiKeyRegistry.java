package io.oktioneer.gateway.apikey;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view of every active key, by hash: authenticating a request is one hash and one map lookup,
 * never a database round trip. {@link ApiKeyRefresher} keeps it in step with PostgreSQL (keys created or
 * revoked through other gateway replicas), and this replica's own changes apply at once.
 */
public final class ApiKeyRegistry {

    /** Read by every request without a lock; written only under this registry's lock. */
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    /** Guarded by this registry's lock, as is {@link #revokedIds}. */
    private final Map<String, String> hashById = new HashMap<>();
    /**
     * Ids revoked here: a revocation is final, and a refresh that read the key's row just before the revoke
     * committed must not bring it back when it applies that row just after.
     */
    private final Set<String> revokedIds = new HashSet<>();
    private volatile boolean loaded;

    /** The active key presented in a request, or null. */
    public ApiKey authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()
                || presentedKey.length() > ApiKeySecrets.MAX_PRESENTED_LENGTH) {
            return null;
        }
        return byHash.get(ApiKeySecrets.hash(presentedKey));
    }

    public synchronized void activate(String hash, ApiKey key) {
        if (revokedIds.contains(key.id())) {
            return;
        }
        String previous = hashById.put(key.id(), hash);
        if (previous != null && !previous.equals(hash)) {
            byHash.remove(previous);
        }
        byHash.put(hash, key);
    }

    public synchronized void revoke(String id) {
        revokedIds.add(id);
        String hash = hashById.remove(id);
        if (hash != null) {
            byHash.remove(hash);
        }
    }

    /** Applies rows read from the store: active ones are (re)activated, revoked ones removed. */
    public void apply(Collection<StoredApiKey> rows) {
        for (StoredApiKey row : rows) {
            if (row.revoked()) {
                revoke(row.key().id());
            } else {
                activate(row.hash(), row.key());
            }
        }
    }

    public void markLoaded() {
        loaded = true;
    }

    /** Whether the store has been read at least once (readiness). */
    public boolean loaded() {
        return loaded;
    }

    /** Whether a key with this id is active here. */
    public synchronized boolean active(String id) {
        return hashById.containsKey(id);
    }

    public int size() {
        return byHash.size();
    }
}
