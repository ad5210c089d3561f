package io.oktioneer.preference.preference;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.support.problem.FieldError;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferenceDraftTest {

    private final Errors errors = new Errors();

    @Test
    void fullBodyIsNormalised() {
        Map<String, Object> body = Map.of("name", "Vintage watches", "categories", List.of("Watches"),
                "brands", List.of("omega", " Seiko "), "maxBid", new BigDecimal("250.0"),
                "totalBudget", 1000, "currency", "EUR", "active", false, "unknownField", "ignored");
        PreferenceDraft draft = PreferenceDraft.from(body, errors);
        assertThat(errors.isEmpty()).isTrue();
        assertThat(draft).isEqualTo(new PreferenceDraft("Vintage watches", List.of("watches"), List.of("omega", "seiko"),
                new BigDecimal("250.00"), new BigDecimal("1000.00"), "EUR", false));
    }

    @Test
    void minimalBodyTakesDefaults() {
        PreferenceDraft draft = PreferenceDraft.from(Map.of("maxBid", 10, "currency", "USD"), errors);
        assertThat(draft).isEqualTo(new PreferenceDraft(null, List.of(), List.of(), new BigDecimal("10.00"), null,
                "USD", true));
    }

    @Test
    void everyBadFieldIsListedAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "n".repeat(201));
        body.put("categories", "watches");
        body.put("brands", List.of("ok", ""));
        body.put("maxBid", new BigDecimal("250.005"));
        body.put("totalBudget", "1000");
        body.put("currency", "EURO");
        body.put("active", "yes");
        assertThat(PreferenceDraft.from(body, errors)).isNull();
        assertThat(errors.list()).extracting(FieldError::field).containsExactly("name", "categories", "brands[1]",
                "maxBid", "totalBudget", "currency", "active");
    }

    @Test
    void requiredFieldsMissing() {
        assertThat(PreferenceDraft.from(Map.of(), errors)).isNull();
        assertThat(errors.list()).containsExactly(new FieldError("maxBid", "is required"),
                new FieldError("currency", "is required"));
    }
}
