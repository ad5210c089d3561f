package io.oktioneer.auction.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact amounts in a currency's major unit (SPEC §2): at most two fraction digits, never binary floating point.
 * Every amount inside the service is a {@link BigDecimal} with scale 2, so {@code 60} and {@code 60.00} are equal
 * under {@code equals} as well as {@code compareTo}.
 */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");
    public static final BigDecimal MIN_BID = new BigDecimal("0.01");
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000.00");

    private Money() {
    }

    /** The amount at scale 2; throws when it has more than two significant fraction digits. */
    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal of(String amount) {
        return of(new BigDecimal(amount));
    }

    /** Null when the amount is acceptable for a price (0 < x <= 1e9, or 0 <= x when zero is allowed), else why not. */
    public static String problem(BigDecimal amount, boolean zeroAllowed) {
        if (fractionDigits(amount) > 2) {
            return "must have at most 2 fraction digits";
        }
        int sign = amount.signum();
        if (sign < 0 || (sign == 0 && !zeroAllowed)) {
            return zeroAllowed ? "must not be negative" : "must be greater than 0";
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            return "must be at most 1000000000";
        }
        return null;
    }

    static int fractionDigits(BigDecimal amount) {
        return Math.max(0, amount.stripTrailingZeros().scale());
    }
}
