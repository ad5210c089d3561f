package io.oktioneer.gateway.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoded segments of a raw request path, or nothing when the path is not canonical.
 *
 * <p>The services behind the gateway run on Tomcat, which normalises {@code /a/../b} and strips {@code ;params}
 * before matching. A path the gateway checked for ownership must therefore be the very path the service
 * serves: dot segments (also percent-encoded), empty interior segments, raw {@code ;} and {@code \}, and
 * broken percent-encoding are refused instead of being interpreted. So are encoded {@code /} and {@code \}
 * (Tomcat refuses them itself, with its own error page), control characters, and a segment that still holds a
 * percent escape once decoded ({@code %252F}): a second decoding anywhere behind the gateway would read it
 * differently.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /** Segments of {@code rawPath} (percent-decoded, UTF-8); empty when the path is not canonical. */
    public static Optional<List<String>> segments(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>(8);
        int start = 1;
        int length = rawPath.length();
        while (start <= length) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            boolean last = end == length;
            String raw = rawPath.substring(start, end);
            if (raw.isEmpty() && !last) {
                return Optional.empty();
            }
            String segment = decode(raw);
            if (segment == null || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
            segments.add(segment);
            start = end + 1;
        }
        return Optional.of(List.copyOf(segments));
    }

    private static String decode(String raw) {
        if (raw.indexOf(';') >= 0 || raw.indexOf('\\') >= 0) {
            return null;
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return acceptableDecoded(decoded) ? decoded : null;
    }

    private static boolean acceptableDecoded(String decoded) {
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
            if (c == '%' && i + 2 < decoded.length() && Character.digit(decoded.charAt(i + 1), 16) >= 0
                    && Character.digit(decoded.charAt(i + 2), 16) >= 0) {
                return false;
            }
        }
        return true;
    }
}
