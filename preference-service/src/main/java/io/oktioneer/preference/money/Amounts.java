package io.oktioneer.preference.money;

import io.oktioneer.preference.validation.Errors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Money amounts of SPEC §2: JSON numbers in the currency's major unit, at most 2 fraction digits as written,
 * {@code 0 < x <= 1e9}. Kept as {@link BigDecimal}, never binary floating point; {@code 60} and {@code 60.00}
 * are the same amount and are both answered as {@code 60.00}.
 */
public final class Amounts {

    public static final BigDecimal MAX = new BigDecimal("1000000000");
    public static final int SCALE = 2;

    private Amounts() {
    }

    /**
     * The positive amount at {@code field}, scaled to 2 digits, or null (and an error) when it is not a number,
     * has more than 2 fraction digits, or is outside {@code (0, 1e9]}. A missing value is reported only when
     * {@code required}.
     */
    public static BigDecimal parsePositive(Object raw, String field, boolean required, Errors errors) {
        if (raw == null) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        BigDecimal amount = toDecimal(raw);
        if (amount == null) {
            errors.add(field, "must be a number");
            return null;
        }
        if (amount.scale() > SCALE) {
            errors.add(field, "must have at most 2 decimal places");
            return null;
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX) > 0) {
            errors.add(field, "must be greater than 0 and at most 1000000000");
            return null;
        }
        return normalise(amount);
    }

    /** The amount with exactly 2 fraction digits, as stored and answered. */
    public static BigDecimal normalise(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal toDecimal(Object raw) {
        return switch (raw) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            // Only if a parser ever hands over a binary float: use its shortest decimal form, refuse NaN/Infinity.
            case Double d when Double.isFinite(d) -> new BigDecimal(Double.toString(d));
            case Float f when Float.isFinite(f) -> new BigDecimal(Float.toString(f));
            default -> null;
        };
    }
}
