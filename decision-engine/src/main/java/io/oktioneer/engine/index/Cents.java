package io.oktioneer.engine.index;

import java.math.BigDecimal;

/**
 * Amounts inside the engine are whole cents in a {@code long} (SPEC §2: at most 2 fraction digits, at most
 * 1e9, so exact and far from overflow). Conversion at the edges only.
 */
public final class Cents {

    /** Largest amount SPEC §2 allows, 1e9 in major units. */
    public static final long MAX = 100_000_000_000L;

    private Cents() {
    }

    /**
     * Exact conversion; {@link ArithmeticException} when the amount has more than 2 significant fraction
     * digits ({@code 60.000} is fine, {@code 60.001} is not) or does not fit a long.
     */
    public static long of(BigDecimal amount) {
        return amount.movePointRight(2).stripTrailingZeros().longValueExact();
    }

    public static BigDecimal toAmount(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
