package io.oktioneer.preference.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.validation.Errors;
import org.junit.jupiter.api.Test;

class CurrencyCodesTest {

    @Test
    void realIso4217CodesOnly() {
        assertThat(CurrencyCodes.isCurrency("EUR")).isTrue();
        assertThat(CurrencyCodes.isCurrency("USD")).isTrue();
        assertThat(CurrencyCodes.isCurrency("JPY")).isTrue();
        assertThat(CurrencyCodes.isCurrency("eur")).isFalse();
        assertThat(CurrencyCodes.isCurrency("EURO")).isFalse();
        assertThat(CurrencyCodes.isCurrency("ABC")).isFalse();
        assertThat(CurrencyCodes.isCurrency("XXX")).isFalse();
        assertThat(CurrencyCodes.isCurrency("XTS")).isFalse();
        assertThat(CurrencyCodes.isCurrency("")).isFalse();
    }

    @Test
    void parseReportsMissingAndWrongType() {
        Errors errors = new Errors();
        assertThat(CurrencyCodes.parse("EUR", "currency", errors)).isEqualTo("EUR");
        assertThat(CurrencyCodes.parse(null, "currency", errors)).isNull();
        assertThat(CurrencyCodes.parse(978, "currency", errors)).isNull();
        assertThat(errors.count()).isEqualTo(2);
    }
}
