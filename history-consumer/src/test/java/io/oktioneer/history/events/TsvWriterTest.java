package io.oktioneer.history.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TsvWriterTest {

    private static String text(TsvWriter out) {
        return new String(Arrays.copyOf(out.buffer(), out.size()), StandardCharsets.UTF_8);
    }

    @Test
    void writesColumnsSeparatedByTabsWithNullsAndEscapes() {
        TsvWriter out = new TsvWriter(8);
        out.uuid(UUID.fromString("0189f7e2-3c4d-7a8b-9cde-f0123456789a")).string("a\tb\nc\\d").string(null)
                .number(42).decimal(new BigDecimal("175.50")).real(1.0E-4).real(Double.NaN).bool(true)
                .dateTime(1_795_543_201L).string("Zürich ☃").bytes("{\"x\":\"\\t\"}".getBytes(StandardCharsets.UTF_8));
        out.endRow();

        assertThat(text(out)).isEqualTo("0189f7e2-3c4d-7a8b-9cde-f0123456789a\ta\\tb\\nc\\\\d\t\\N\t42\t175.50\t1.0E-4"
                + "\t\\N\t1\t2026-11-24 18:00:01\tZürich ☃\t{\"x\":\"\\\\t\"}\n");
    }

    @Test
    void escapesEveryBackslashAndControlByteWhereverItIsInLongValues() {
        String alphabet = "ab\\\t\n\r\0é{\"xyz";
        StringBuilder expected = new StringBuilder();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            char c = alphabet.charAt(i * 7 % alphabet.length());
            value.append(c);
            expected.append(switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> "\\0";
                default -> String.valueOf(c);
            });
            TsvWriter out = new TsvWriter(8);
            out.bytes(value.toString().getBytes(StandardCharsets.UTF_8)).number(-42).number(0)
                    .uuid("0189f7e2-3c4d-7a8b-9cde-f0123456789a");
            assertThat(text(out)).isEqualTo(expected + "\t-42\t0\t0189f7e2-3c4d-7a8b-9cde-f0123456789a");
        }
    }

    @Test
    void writesStringArraysWithQuotedEscapedElements() {
        TsvWriter out = new TsvWriter(8);
        out.stringArray(List.of("a'b", "c\\d", "e\tf")).stringArray(List.of()).stringArray(null);
        out.endRow();

        assertThat(text(out)).isEqualTo("['a\\'b','c\\\\d','e\\tf']\t[]\t[]\n");
    }

    @Test
    void remembersWhereEachRowEndsAndDropsAnUnfinishedRow() {
        TsvWriter out = new TsvWriter(8);
        out.number(1).text("x");
        out.endRow();
        int before = out.size();
        out.number(2).text("half");
        out.discardPartialRow(before);
        out.number(3).text("y");
        out.endRow();

        assertThat(out.rows()).isEqualTo(2);
        assertThat(text(out)).isEqualTo("1\tx\n3\ty\n");
        assertThat(out.rowStart(1)).isEqualTo(4);
        assertThat(out.rowEnd(1)).isEqualTo(8);
    }

    @Test
    void growsPastItsInitialCapacityAndManyRows() {
        TsvWriter out = new TsvWriter(1);
        for (int i = 0; i < 3000; i++) {
            out.number(i).string("row");
            out.endRow();
        }
        assertThat(out.rows()).isEqualTo(3000);
        assertThat(text(out)).startsWith("0\trow\n1\trow\n").endsWith("2999\trow\n");
    }
}
