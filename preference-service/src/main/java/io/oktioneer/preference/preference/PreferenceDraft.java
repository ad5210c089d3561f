package io.oktioneer.preference.preference;

import io.oktioneer.preference.money.Amounts;
import io.oktioneer.preference.money.CurrencyCodes;
import io.oktioneer.preference.validation.Errors;
import io.oktioneer.preference.validation.JsonValues;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A valid preference body (create or full replace): normalised tags, amounts with exactly 2 fraction digits.
 * {@code name} and {@code totalBudget} may be null; {@code categories}/{@code brands} empty means "any".
 */
public record PreferenceDraft(String name, List<String> categories, List<String> brands, BigDecimal maxBid,
                              BigDecimal totalBudget, String currency, boolean active) {

    public static final int MAX_NAME = 200;

    public PreferenceDraft {
        categories = List.copyOf(categories);
        brands = List.copyOf(brands);
    }

    /**
     * Validates a parsed JSON body (unknown fields ignored), adding every problem to {@code errors}; returns
     * null when anything is wrong.
     */
    public static PreferenceDraft from(Map<String, ?> body, Errors errors) {
        int before = errors.count();
        String name = JsonValues.optionalString(body, "name", errors);
        if (name != null && JsonValues.length(name) > MAX_NAME) {
            errors.add("name", "must be at most " + MAX_NAME + " characters");
        }
        List<String> categories = Tags.parse(JsonValues.optionalList(body, "categories", errors), "categories", errors);
        List<String> brands = Tags.parse(JsonValues.optionalList(body, "brands", errors), "brands", errors);
        BigDecimal maxBid = Amounts.parsePositive(body.get("maxBid"), "maxBid", true, errors);
        BigDecimal totalBudget = Amounts.parsePositive(body.get("totalBudget"), "totalBudget", false, errors);
        String currency = CurrencyCodes.parse(body.get("currency"), "currency", errors);
        boolean active = JsonValues.optionalBoolean(body, "active", true, errors);
        if (errors.count() != before) {
            return null;
        }
        return new PreferenceDraft(name, categories, brands, maxBid, totalBudget, currency, active);
    }
}
