package io.oktioneer.auction.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void sameAmountWhateverTheScale() {
        assertThat(Money.of(new BigDecimal("60"))).isEqualTo(Money.of(new BigDecimal("60.00")));
        assertThat(Money.of(new BigDecimal("60.5"))).isEqualTo(new BigDecimal("60.50"));
        assertThat(Money.of(new BigDecimal("1.2300"))).isEqualTo(new BigDecimal("1.23"));
        assertThat(Money.of(new BigDecimal("1E+2"))).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void refusesToRoundAwayCents() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void acceptsOnlyTwoFractionDigitsWithinBounds() {
        assertThat(Money.problem(new BigDecimal("0.01"), false)).isNull();
        assertThat(Money.problem(new BigDecimal("1000000000"), false)).isNull();
        assertThat(Money.problem(new BigDecimal("1000000000.00"), false)).isNull();
        assertThat(Money.problem(new BigDecimal("10.100"), false)).isNull();
        assertThat(Money.problem(new BigDecimal("0"), true)).isNull();
        assertThat(Money.problem(new BigDecimal("0"), false)).contains("greater than 0");
        assertThat(Money.problem(new BigDecimal("-0.01"), true)).contains("negative");
        assertThat(Money.problem(new BigDecimal("1000000000.01"), false)).contains("at most");
        assertThat(Money.problem(new BigDecimal("0.001"), false)).contains("2 fraction digits");
    }

    @Test
    void exactArithmeticNeverDrifts() {
        BigDecimal sum = Money.ZERO;
        for (int i = 0; i < 1000; i++) {
            sum = sum.add(Money.of("0.10"));
        }
        assertThat(sum).isEqualTo(new BigDecimal("100.00"));
    }
}
