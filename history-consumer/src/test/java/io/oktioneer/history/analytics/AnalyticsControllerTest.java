package io.oktioneer.history.analytics;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.history.web.WebConfiguration;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The HTTP contract of the summary: security, validation, answer shape. The ClickHouse side is mocked here. */
@WebMvcTest(controllers = AnalyticsController.class, properties = "oktioneer.security.internal-token=test-token")
@Import({WebConfiguration.class, AnalyticsControllerTest.FixedClock.class})
class AnalyticsControllerTest {

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-24T18:30:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SummaryRepository repository;

    private static MockHttpServletRequestBuilder summary(String role) {
        MockHttpServletRequestBuilder request = get("/api/v1/analytics/summary")
                .header(InternalHeaders.INTERNAL_TOKEN, "test-token");
        return role == null ? request : request.header(InternalHeaders.ROLE, role);
    }

    @Test
    void refusesCallsWithoutTheGatewaysToken() throws Exception {
        mvc.perform(get("/api/v1/analytics/summary").header(InternalHeaders.ROLE, "ADMIN"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void isForAdminsOnlyBeforeAnyValidation() throws Exception {
        mvc.perform(summary("USER").param("groupBy", "nonsense"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(summary(null)).andExpect(status().isForbidden());
        verifyNoInteractions(repository);
    }

    @Test
    void listsEveryInvalidParameter() throws Exception {
        mvc.perform(summary("ADMIN").param("from", "soon").param("groupBy", "day"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("from"))
                .andExpect(jsonPath("$.errors[1].field").value("groupBy"));
        mvc.perform(summary("ADMIN").param("from", "2026-11-24T00:00:00Z").param("to", "2026-11-23T00:00:00Z"))
                .andExpect(status().isBadRequest());
        mvc.perform(summary("ADMIN").param("from", "2025-01-01T00:00:00Z").param("to", "2026-11-23T00:00:00Z"))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(repository);
    }

    @Test
    void answersTheSummaryShapeWithNullsPresent() throws Exception {
        when(repository.summarize(any())).thenReturn(List.of(
                new SummaryRow("watches", 3, 2, 1, 1, new BigDecimal("95.50"), 2.0, 2.98),
                new SummaryRow(null, 2, 0, 0, 0, BigDecimal.ZERO, null, null)));

        mvc.perform(summary("ADMIN"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"from": "2026-11-23T18:30:00.000Z", "to": "2026-11-24T18:30:00.000Z", "groupBy": "category",
                         "groups": [
                          {"key": "watches", "evaluations": 3, "bids": 2, "wins": 1, "losses": 1, "winRate": 0.5,
                           "spend": 95.50, "avgClearingPrice": 95.50, "latencyP50Ms": 2.0, "latencyP99Ms": 2.98},
                          {"key": null, "evaluations": 2, "bids": 0, "wins": 0, "losses": 0, "winRate": null,
                           "spend": 0.00, "avgClearingPrice": null, "latencyP50Ms": null, "latencyP99Ms": null}]}
                        """, org.springframework.test.json.JsonCompareMode.STRICT))
                .andExpect(jsonPath("$.groups[1].key").isEmpty());
    }

    @Test
    void saysServiceUnavailableWhenClickHouseCannotAnswer() throws Exception {
        when(repository.summarize(any())).thenThrow(new AnalyticsUnavailableException(new IllegalStateException("down")));

        mvc.perform(summary("ADMIN"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("The analytics store is unavailable; try again later."));
    }
}
