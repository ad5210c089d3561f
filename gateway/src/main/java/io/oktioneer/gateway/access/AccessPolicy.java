package io.oktioneer.gateway.access;

import io.oktioneer.contracts.Role;
import java.util.List;

/**
 * Who may call which public path (SPEC §6). ADMIN may call everything and is alone on admin and analytics;
 * BIDDER evaluates and reads auctions; EXCHANGE posts results (the auction-service checks that the body's
 * exchange is the key's own); USER reaches only {@code /api/v1/users/{its own userId}/**}, spending included.
 * A path outside the public API is {@link Access#NOT_FOUND} whoever asks.
 */
public final class AccessPolicy {

    public enum Access { ALLOWED, FORBIDDEN, NOT_FOUND }

    private AccessPolicy() {
    }

    /**
     * @param method   HTTP method name, upper case
     * @param segments decoded path segments, starting with {@code api}
     * @param role     the caller's role
     * @param userId   the caller's userId (USER keys), else null
     */
    public static Access decide(String method, List<String> segments, Role role, String userId) {
        if (segments.size() < 3 || !segments.get(0).equals("api") || !segments.get(1).equals("v1")) {
            return Access.NOT_FOUND;
        }
        return switch (segments.get(2)) {
            case "admin", "analytics" -> allowedIf(role == Role.ADMIN);
            case "auctions" -> allowedIf(role == Role.ADMIN || auctionCall(method, segments, role));
            case "users" -> allowedIf(role == Role.ADMIN || ownUser(segments, role, userId));
            default -> Access.NOT_FOUND;
        };
    }

    private static boolean auctionCall(String method, List<String> segments, Role role) {
        int rest = segments.size() - 3;
        return switch (role) {
            case BIDDER -> (method.equals("POST") && rest == 1 && segments.get(3).equals("evaluate"))
                    || (method.equals("GET") && rest == 2);
            case EXCHANGE -> method.equals("POST") && rest == 1 && segments.get(3).equals("result");
            default -> false;
        };
    }

    private static boolean ownUser(List<String> segments, Role role, String userId) {
        return role == Role.USER && userId != null && segments.size() >= 4 && segments.get(3).equals(userId);
    }

    private static Access allowedIf(boolean allowed) {
        return allowed ? Access.ALLOWED : Access.FORBIDDEN;
    }
}
