package io.oktioneer.gateway.edge;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket, so no client library normalises or refuses what a test sends. */
public final class RawHttp {

    /** An answer: status, headers (lower-case names, last value wins) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code requestHead} (request line and headers, without the final empty line) and reads the answer. */
    public static Answer send(int port, String requestHead) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IllegalStateException("no complete answer: " + raw);
            }
            String[] lines = raw.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Answer(status, headers, raw.substring(end + 4));
        }
    }

    public static Answer request(int port, String method, String target, String key) throws Exception {
        return send(port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + (key == null ? "" : "\r\nAuthorization: Bearer " + key));
    }
}
