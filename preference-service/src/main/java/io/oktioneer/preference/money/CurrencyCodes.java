package io.oktioneer.preference.money;

import io.oktioneer.preference.validation.Errors;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

/** ISO 4217 currency codes: 3 upper-case letters naming a real currency known to {@link Currency}. */
public final class CurrencyCodes {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{3}");
    /** Codes ISO reserves for "no currency" and for testing: never a real currency. */
    private static final Set<String> NOT_CURRENCIES = Set.of("XXX", "XTS");

    private CurrencyCodes() {
    }

    public static String parse(Object raw, String field, Errors errors) {
        if (raw == null) {
            errors.add(field, "is required");
            return null;
        }
        if (!(raw instanceof String code) || !isCurrency(code)) {
            errors.add(field, "must be an ISO 4217 currency code such as EUR");
            return null;
        }
        return code;
    }

    public static boolean isCurrency(String code) {
        if (!SHAPE.matcher(code).matches() || NOT_CURRENCIES.contains(code)) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
