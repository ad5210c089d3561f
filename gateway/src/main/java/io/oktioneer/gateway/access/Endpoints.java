package io.oktioneer.gateway.access;

import java.util.List;
import java.util.Set;

/**
 * The public endpoints (SPEC §3, §6 and the services' OpenAPI documents) and the methods each takes, so the
 * gateway answers a method an endpoint does not take (405 with {@code Allow}) and {@code OPTIONS} itself.
 * {@code HEAD} goes with {@code GET}, except on the routed OpenAPI documents (their routes take GET only).
 */
public final class Endpoints {

    /** The methods an endpoint takes, and its {@code Allow} header. */
    public record Methods(Set<String> names, String allow) {

        static Methods of(String... names) {
            return new Methods(Set.of(names), String.join(", ", names));
        }

        public boolean allows(String method) {
            return names.contains(method);
        }
    }

    /** Every method the gateway passes on somewhere; anything else (TRACE, CONNECT, made-up ones) is 405. */
    public static final Methods KNOWN = Methods.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final Methods READ = Methods.of("GET", "HEAD", "OPTIONS");
    private static final Methods POST = Methods.of("POST", "OPTIONS");
    private static final Methods DOCUMENT = Methods.of("GET", "OPTIONS");
    private static final Methods READ_REPLACE_DELETE = Methods.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final Methods READ_CREATE = Methods.of("GET", "HEAD", "POST", "OPTIONS");
    private static final Methods DELETE = Methods.of("DELETE", "OPTIONS");

    private Endpoints() {
    }

    /** The methods of the endpoint at these decoded segments, or null when the path is no known endpoint. */
    public static Methods methods(List<String> segments) {
        int size = segments.size();
        if (size == 2 && segments.get(0).equals("api-docs")) {
            return switch (segments.get(1)) {
                case "preference", "auction", "analytics" -> DOCUMENT;
                default -> null;
            };
        }
        if (size < 4 || !segments.get(0).equals("api") || !segments.get(1).equals("v1")
                || segments.get(3).isEmpty()) {
            return null;
        }
        return switch (segments.get(2)) {
            case "users" -> switch (size) {
                case 4 -> READ_REPLACE_DELETE;
                case 5 -> switch (segments.get(4)) {
                    case "preferences" -> READ_CREATE;
                    case "spending" -> READ;
                    default -> null;
                };
                case 6 -> segments.get(4).equals("preferences") && !segments.get(5).isEmpty()
                        ? READ_REPLACE_DELETE : null;
                default -> null;
            };
            case "auctions" -> switch (size) {
                case 4 -> segments.get(3).equals("evaluate") || segments.get(3).equals("result") ? POST : null;
                case 5 -> segments.get(4).isEmpty() ? null : READ;
                default -> null;
            };
            case "analytics" -> size == 4 && segments.get(3).equals("summary") ? READ : null;
            case "admin" -> !segments.get(3).equals("api-keys") ? null : switch (size) {
                case 4 -> READ_CREATE;
                case 5 -> segments.get(4).isEmpty() ? null : DELETE;
                default -> null;
            };
            default -> null;
        };
    }
}
