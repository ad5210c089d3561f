package io.oktioneer.engine.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The users that own at least one stored preference: interned id, the chain of their preference slots, and
 * whether a {@code UserUpdated} event blocked them (SUSPENDED or deleted). A user entry lives exactly as long as
 * the user has preferences; each preference also carries its user's status, so nothing is lost by forgetting
 * a user without preferences.
 */
final class Users {

    private final Map<String, Integer> ids = new HashMap<>();
    String[] names = new String[16];
    int[] head = new int[16];
    int[] count = new int[16];
    boolean[] blocked = new boolean[16];
    private int highWater;
    private int freeHead = -1;

    int find(String userId) {
        Integer id = ids.get(userId);
        return id == null ? -1 : id;
    }

    int acquire(String userId) {
        Integer existing = ids.get(userId);
        if (existing != null) {
            return existing;
        }
        int user;
        if (freeHead >= 0) {
            user = freeHead;
            freeHead = head[user];
        } else {
            if (highWater == names.length) {
                int capacity = names.length + (names.length >> 1);
                names = Arrays.copyOf(names, capacity);
                head = Arrays.copyOf(head, capacity);
                count = Arrays.copyOf(count, capacity);
                blocked = Arrays.copyOf(blocked, capacity);
            }
            user = highWater++;
        }
        names[user] = userId;
        head[user] = -1;
        count[user] = 0;
        blocked[user] = false;
        ids.put(userId, user);
        return user;
    }

    void link(int user, int slot, Slots slots) {
        int first = head[user];
        slots.user(slot, user);
        slots.userPrev[slot] = -1;
        slots.userNext[slot] = first;
        if (first >= 0) {
            slots.userPrev[first] = slot;
        }
        head[user] = slot;
        count[user]++;
    }

    /** Unlinks the slot; forgets the user when it was his last preference. */
    void unlink(int slot, Slots slots) {
        int user = slots.user(slot);
        int prev = slots.userPrev[slot];
        int next = slots.userNext[slot];
        if (prev >= 0) {
            slots.userNext[prev] = next;
        } else {
            head[user] = next;
        }
        if (next >= 0) {
            slots.userPrev[next] = prev;
        }
        if (--count[user] == 0) {
            ids.remove(names[user]);
            names[user] = null;
            head[user] = freeHead;
            freeHead = user;
        }
    }

    int size() {
        return ids.size();
    }
}
