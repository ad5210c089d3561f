package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricNamesAndNothingElse() {
        String expr = "(sum by (service) (rate(http_server_requests_seconds_count{outcome=\"SERVER_ERROR\", uri!~\"/a.*\"}[5m]))"
                + " or 0 * sum without (instance) (rate(http_server_requests_seconds_count[5m] offset 1m)))"
                + " / ignoring (reason) group_left histogram_quantile(0.99, sum(rate(oktioneer_x_bucket[1m])) by (le))"
                + " > bool 1e-3 and on(job) up";

        assertThat(PromQl.metricNames(expr))
                .containsExactly("http_server_requests_seconds_count", "oktioneer_x_bucket", "up");
    }

    @Test
    void theSignalOfAnAlertIsWhatComesBeforeItsThreshold() {
        assertThat(PromQl.signal("up{job=\"oktioneer\"} == 0")).isEqualTo("up{job=\"oktioneer\"}");
        assertThat(PromQl.signal("sum(rate(a{x!=\"1\", y=~\">\"}[5m])) / sum(rate(a[5m])) > 0.01"))
                .isEqualTo("sum(rate(a{x!=\"1\", y=~\">\"}[5m])) / sum(rate(a[5m]))");
        assertThat(PromQl.signal("max(b) >= bool 30")).isEqualTo("max(b)");
    }

    @Test
    void anAlertWithoutANumericThresholdIsRefused() {
        assertThatThrownBy(() -> PromQl.signal("absent(up)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.signal("a > b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grafanaVariablesAreResolvedAndUnknownOnesRefused() {
        assertThat(PromQl.resolve("rate(x{service=~\"$service\"}[$__rate_interval]) + increase(x[$__range])",
                Map.of("service", ".+")))
                .isEqualTo("rate(x{service=~\".+\"}[1m]) + increase(x[10m])");
        assertThat(PromQl.resolve("x{a=~\"${service}\"}", Map.of("service", "gw"))).isEqualTo("x{a=~\"gw\"}");
        assertThatThrownBy(() -> PromQl.resolve("x{a=\"$nope\"}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelValuesQueriesAreSplit() {
        assertThat(PromQl.labelValues("label_values(jvm_info, service)")).containsExactly("jvm_info", "service");
        assertThat(PromQl.labelValues("up")).isNull();
    }
}
