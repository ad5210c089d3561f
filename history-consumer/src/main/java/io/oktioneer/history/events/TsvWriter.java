package io.oktioneer.history.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Builds a ClickHouse {@code TabSeparated} body: one row per event, columns separated by tabs, {@code \N} for
 * NULL, backslash escapes in strings. The bytes and the row bookkeeping are {@link RowBuffer}'s; this writes the
 * values.
 */
public final class TsvWriter extends RowBuffer {

    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long BELOW_SPACE = 0x2020202020202020L;

    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] cachedDateTime = new byte[19];

    public TsvWriter(int initialCapacity) {
        super(initialCapacity);
    }

    public TsvWriter nullValue() {
        separator();
        put(NULL, 0, NULL.length);
        return this;
    }

    public TsvWriter string(String value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        int length = value.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == 0) {
                escaped(value.substring(i).getBytes(StandardCharsets.UTF_8));
                return this;
            }
            buffer[size++] = (byte) c;
        }
        return this;
    }

    /** A String column that is never NULL: null becomes the empty string. */
    public TsvWriter text(String value) {
        return string(value == null ? "" : value);
    }

    /** Raw bytes (UTF-8 text such as the event's JSON) as a String column. */
    public TsvWriter bytes(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        escaped(value);
        return this;
    }

    /** A UUID already in canonical text form (see {@code EnvelopeFields.uuid}). */
    public TsvWriter uuid(String canonical) {
        if (canonical == null) {
            return nullValue();
        }
        separator();
        ascii(canonical);
        return this;
    }

    public TsvWriter uuid(UUID value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        ensure(36);
        hex(value.getMostSignificantBits() >>> 32, 8);
        put((byte) '-');
        hex(value.getMostSignificantBits() >>> 16, 4);
        put((byte) '-');
        hex(value.getMostSignificantBits(), 4);
        put((byte) '-');
        hex(value.getLeastSignificantBits() >>> 48, 4);
        put((byte) '-');
        hex(value.getLeastSignificantBits(), 12);
        return this;
    }

    public TsvWriter number(long value) {
        separator();
        ascii(Long.toString(value));
        return this;
    }

    public TsvWriter number(Integer value) {
        return value == null ? nullValue() : number(value.longValue());
    }

    public TsvWriter number(Long value) {
        return value == null ? nullValue() : number(value.longValue());
    }

    public TsvWriter decimal(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        ascii(value.toPlainString());
        return this;
    }

    /** A Float64; NaN and infinities become NULL. */
    public TsvWriter real(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return nullValue();
        }
        separator();
        ascii(Double.toString(value));
        return this;
    }

    public TsvWriter bool(Boolean value) {
        return value == null ? nullValue() : number(value ? 1 : 0);
    }

    /** A {@code DateTime('UTC')} as {@code YYYY-MM-DD hh:mm:ss}, which every ClickHouse version parses alike. */
    public TsvWriter dateTime(long epochSecond) {
        separator();
        if (epochSecond != cachedSecond) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            digits(cachedDateTime, 0, time.getYear(), 4);
            cachedDateTime[4] = '-';
            digits(cachedDateTime, 5, time.getMonthValue(), 2);
            cachedDateTime[7] = '-';
            digits(cachedDateTime, 8, time.getDayOfMonth(), 2);
            cachedDateTime[10] = ' ';
            digits(cachedDateTime, 11, time.getHour(), 2);
            cachedDateTime[13] = ':';
            digits(cachedDateTime, 14, time.getMinute(), 2);
            cachedDateTime[16] = ':';
            digits(cachedDateTime, 17, time.getSecond(), 2);
            cachedSecond = epochSecond;
        }
        put(cachedDateTime, 0, cachedDateTime.length);
        return this;
    }

    /** An {@code Array(String)}: {@code ['a','b']}, elements quoted with the same backslash escapes as strings. */
    public TsvWriter stringArray(List<String> values) {
        separator();
        put((byte) '[');
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                put((byte) '\'');
                for (byte b : String.valueOf(values.get(i)).getBytes(StandardCharsets.UTF_8)) {
                    if (b == '\'') {
                        put((byte) '\\');
                    }
                    escapeAscii(b);
                }
                put((byte) '\'');
            }
        }
        put((byte) ']');
        return this;
    }

    /**
     * Copies runs of bytes that need no escape in one go; JSON text rarely holds any that do. Eight bytes are
     * checked at a time: a word holds no backslash and no control byte (tab, newline, CR, NUL are all below 0x20)
     * when neither {@code hasZeroByte(word ^ backslashes)} nor {@code hasByteBelow0x20(word)} is set.
     */
    private void escaped(byte[] value) {
        ensure(value.length + 16);
        int run = 0;
        int i = 0;
        int words = value.length - 7;
        while (i < value.length) {
            if (i < words) {
                long word = (long) LONGS.get(value, i);
                long backslash = word ^ BACKSLASHES;
                long special = ((backslash - ONES) & ~backslash | (word - BELOW_SPACE) & ~word) & HIGH_BITS;
                if (special == 0) {
                    i += 8;
                    continue;
                }
            }
            byte b = value[i];
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r' || b == 0) {
                put(value, run, i - run);
                escapeAscii(b);
                run = i + 1;
            }
            i++;
        }
        put(value, run, value.length - run);
    }

    private void escapeAscii(byte b) {
        switch (b) {
            case '\\' -> {
                put((byte) '\\');
                put((byte) '\\');
            }
            case '\t' -> {
                put((byte) '\\');
                put((byte) 't');
            }
            case '\n' -> {
                put((byte) '\\');
                put((byte) 'n');
            }
            case '\r' -> {
                put((byte) '\\');
                put((byte) 'r');
            }
            case 0 -> {
                put((byte) '\\');
                put((byte) '0');
            }
            default -> put(b);
        }
    }

    private void ascii(String value) {
        int length = value.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
    }

    private void hex(long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            put(HEX[(int) ((value >>> (i * 4)) & 0xF)]);
        }
    }

    private static void digits(byte[] target, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            target[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
