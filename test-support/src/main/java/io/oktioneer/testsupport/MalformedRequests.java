package io.oktioneer.testsupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends what Tomcat refuses itself (an encoded slash or backslash, bad escapes, a dot segment above the root,
 * TRACE, a bad request line, oversized headers) straight to a servlet service's port, raw, and checks that every
 * answer is a 4xx (505 for an unknown HTTP version) in {@code application/problem+json} with its {@code type}, {@code title} and {@code status}:
 * never Tomcat's HTML page, never Spring's default error JSON, never an empty body.
 */
public final class MalformedRequests {

    /** Request heads (request line and headers, no final empty line) that no service may answer in HTML. */
    public static final Map<String, String> FORMS = new LinkedHashMap<>();

    static {
        FORMS.put("encoded slash", "GET /api/v1/users/a%2Fb HTTP/1.1");
        FORMS.put("encoded slash (lower case)", "PUT /api/v1/auctions/%2f/x HTTP/1.1");
        FORMS.put("encoded backslash", "GET /api/v1/users/a%5Cb HTTP/1.1");
        FORMS.put("lone %", "GET /api/v1/users/% HTTP/1.1");
        FORMS.put("invalid escape %G1", "GET /api/v1/users/%G1 HTTP/1.1");
        FORMS.put("truncated escape %2", "GET /api/v1/users/a%2 HTTP/1.1");
        FORMS.put("dot segments above the root", "GET /../../etc/passwd HTTP/1.1");
        FORMS.put("encoded dot segments above the root", "GET /%2E%2E/%2e%2e/x HTTP/1.1");
        FORMS.put("TRACE", "TRACE /api/v1/users/u1 HTTP/1.1");
        FORMS.put("raw backslash", "GET /api/v1/users/a\\b HTTP/1.1");
        FORMS.put("bad request line", "GET /api/v1/users/a\"b HTTP/1.1");
        FORMS.put("unknown HTTP version", "GET /api/v1/users/u1 HTTP/7.3");
        FORMS.put("header without a colon", "GET /api/v1/users/u1 HTTP/1.1\r\nno colon here");
        FORMS.put("headers over the limit", "GET /api/v1/users/u1 HTTP/1.1\r\nX-Big: " + "b".repeat(20_000));
    }

    private MalformedRequests() {
    }

    /** Sends every form to {@code port}; throws an AssertionError listing every answer that is not a problem. */
    public static void assertAnsweredAsProblems(int port) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> form : FORMS.entrySet()) {
            String head = form.getValue();
            if (!head.contains("\r\nHost:")) {
                int lineEnd = head.indexOf("\r\n");
                head = lineEnd < 0 ? head + "\r\nHost: 127.0.0.1" : head.substring(0, lineEnd) + "\r\nHost: 127.0.0.1"
                        + head.substring(lineEnd);
            }
            String answer = send(port, head);
            String problem = check(answer);
            if (problem != null) {
                failures.add(form.getKey() + ": " + problem + "\n    " + answer.replace("\r\n", "\n    "));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + FORMS.size() + " malformed requests not answered"
                    + " as problem+json:\n" + String.join("\n", failures));
        }
    }

    private static String check(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
            return "no HTTP answer";
        }
        int status = Integer.parseInt(answer.substring(9, 12));
        String head = answer.substring(0, end).toLowerCase(Locale.ROOT);
        String body = answer.substring(end + 4);
        // 505 is the one 5xx a client causes: Tomcat's answer to an HTTP version it does not speak.
        if (status < 400 || (status >= 500 && status != 505)) {
            return "status " + status + ", not 4xx";
        }
        if (!head.contains("\r\ncontent-type: application/problem+json")) {
            return "not application/problem+json";
        }
        if (!body.contains("\"type\":\"about:blank\"") || !body.contains("\"title\":\"")
                || !body.contains("\"status\":" + status)) {
            return "body without type, title and status " + status;
        }
        if (body.toLowerCase(Locale.ROOT).contains("<html")) {
            return "HTML";
        }
        return null;
    }

    private static String send(int port, String head) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] bytes;
            try {
                bytes = in.readAllBytes();
            } catch (java.net.SocketException reset) {
                return "connection reset: " + reset.getMessage();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
