package io.oktioneer.gateway.edge;

import java.util.concurrent.ThreadLocalRandom;

/** The {@code X-Request-Id} of a call: the client's when it is sane, else a new random one. */
final class RequestIds {

    private static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String accept(String presented) {
        return valid(presented) ? presented : generate();
    }

    static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** 128 random bits as 32 hex digits (not a security token: ThreadLocalRandom is enough and cheap). */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        fill(out, 0, random.nextLong());
        fill(out, 16, random.nextLong());
        return new String(out);
    }

    private static void fill(char[] out, int offset, long bits) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }
}
