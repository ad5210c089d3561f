package io.oktioneer.history.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryGroupTest {

    @Test
    void computesRatesAndAveragesExactly() {
        SummaryGroup group = SummaryGroup.of(new SummaryRow("watches", 5, 3, 2, 1, new BigDecimal("90.01"), 7.0,
                9.940000000000001));

        assertThat(group.winRate()).isEqualByComparingTo("0.6667");
        assertThat(group.spend()).isEqualTo(new BigDecimal("90.01"));
        assertThat(group.avgClearingPrice()).isEqualTo(new BigDecimal("45.01"));
        assertThat(group.latencyP50Ms()).isEqualTo(new BigDecimal("7.000"));
        assertThat(group.latencyP99Ms()).isEqualTo(new BigDecimal("9.940"));
    }

    @Test
    void leavesRatesNullWithoutBidsOrWins() {
        SummaryGroup group = SummaryGroup.of(new SummaryRow(null, 2, 0, 0, 0, BigDecimal.ZERO, null, null));

        assertThat(group.winRate()).isNull();
        assertThat(group.avgClearingPrice()).isNull();
        assertThat(group.spend()).isEqualTo(new BigDecimal("0.00"));
        assertThat(group.latencyP50Ms()).isNull();
    }

    @Test
    void parsesClickHouseTabSeparatedAnswersOfBothVersions() {
        String answer = "watches\t3\t2\t1\t1\t95.50\t2\t2.98\n"
                + "\\N\t0\t0\t1\t0\t10.5\tnan\tnan\n"
                + "a\\tb\t1\t0\t0\t0\t\\N\t-nan\t\\N\n";

        List<SummaryRow> rows = SummaryRepository.parse(answer, SummaryGrouping.CATEGORY);

        assertThat(rows).containsExactly(
                new SummaryRow("watches", 3, 2, 1, 1, new BigDecimal("95.50"), 2.0, 2.98),
                new SummaryRow(null, 0, 0, 1, 0, new BigDecimal("10.5"), null, null),
                new SummaryRow("a\tb", 1, 0, 0, 0, BigDecimal.ZERO, null, null));
    }

    @Test
    void formatsHourKeysAsIsoInstantsWithMilliseconds() {
        List<SummaryRow> rows = SummaryRepository.parse("1795543200\t1\t0\t0\t0\t0.00\t1\t1\n", SummaryGrouping.HOUR);

        assertThat(rows.getFirst().key()).isEqualTo("2026-11-24T18:00:00.000Z");
    }
}
