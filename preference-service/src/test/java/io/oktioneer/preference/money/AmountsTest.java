package io.oktioneer.preference.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.support.problem.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountsTest {

    private final Errors errors = new Errors();

    @Test
    void integersAndTwoDecimalsAreTheSameAmountWithTwoDigits() {
        assertThat(Amounts.parsePositive(60, "maxBid", true, errors)).isEqualTo(new BigDecimal("60.00"));
        assertThat(Amounts.parsePositive(new BigDecimal("60.00"), "maxBid", true, errors)).isEqualTo(new BigDecimal("60.00"));
        assertThat(Amounts.parsePositive(new BigDecimal("0.1"), "maxBid", true, errors)).isEqualTo(new BigDecimal("0.10"));
        assertThat(Amounts.parsePositive(new BigDecimal("1E+2"), "maxBid", true, errors)).isEqualTo(new BigDecimal("100.00"));
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void boundsAreExclusiveZeroAndInclusiveBillion() {
        assertThat(Amounts.parsePositive(new BigDecimal("0.01"), "maxBid", true, errors)).isEqualTo(new BigDecimal("0.01"));
        assertThat(Amounts.parsePositive(new BigDecimal("1000000000.00"), "maxBid", true, errors))
                .isEqualTo(new BigDecimal("1000000000.00"));
        assertThat(errors.isEmpty()).isTrue();

        assertThat(Amounts.parsePositive(0, "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(new BigDecimal("-5"), "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(new BigDecimal("1000000000.01"), "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(new BigInteger("100000000000000000000"), "maxBid", true, errors)).isNull();
        assertThat(errors.list()).hasSize(4).allSatisfy(e -> assertThat(e.field()).isEqualTo("maxBid"));
    }

    @Test
    void moreThanTwoDecimalsAsWrittenAreRefused() {
        assertThat(Amounts.parsePositive(new BigDecimal("250.005"), "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(new BigDecimal("250.000"), "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(new BigDecimal("1E-3"), "maxBid", true, errors)).isNull();
        assertThat(errors.list()).extracting(FieldError::message).containsOnly("must have at most 2 decimal places");
    }

    @Test
    void nonNumbersAreRefusedNotCoerced() {
        assertThat(Amounts.parsePositive("250", "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(true, "maxBid", true, errors)).isNull();
        assertThat(Amounts.parsePositive(Double.NaN, "maxBid", true, errors)).isNull();
        assertThat(errors.list()).extracting(FieldError::message).containsOnly("must be a number");
    }

    @Test
    void missingIsAnErrorOnlyWhenRequired() {
        assertThat(Amounts.parsePositive(null, "totalBudget", false, errors)).isNull();
        assertThat(errors.isEmpty()).isTrue();
        Amounts.parsePositive(null, "maxBid", true, errors);
        assertThat(errors.list()).containsExactly(new FieldError("maxBid", "is required"));
    }

    @Test
    void exactArithmeticNoBinaryFloatDrift() {
        BigDecimal a = Amounts.parsePositive(new BigDecimal("0.10"), "a", true, errors);
        BigDecimal b = Amounts.parsePositive(new BigDecimal("0.20"), "b", true, errors);
        assertThat(a.add(b)).isEqualTo(new BigDecimal("0.30"));
    }
}
