package io.oktioneer.engine.decision;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.engine.index.PreferenceIndex;
import io.oktioneer.engine.index.PreferenceRecord;
import io.oktioneer.engine.web.JsonConfig;
import io.oktioneer.engine.web.WebConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP contract of the decision endpoint: answer shape, validation, media type, internal token. */
@WebMvcTest(controllers = DecisionController.class, properties = "oktioneer.security.internal-token=test-token")
@Import({DecisionControllerTest.Fixture.class, DecisionRequests.class, WebConfig.class, JsonConfig.class})
class DecisionControllerTest {

    static final UUID WINNER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @TestConfiguration
    @EnableConfigurationProperties(DecisionProperties.class)
    static class Fixture {
        @Bean
        PreferenceIndex preferenceIndex() {
            PreferenceIndex index = new PreferenceIndex();
            long created = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
            index.upsert(new PreferenceRecord(WINNER, "u1", true, List.of("watches"), List.of("omega"), 250_00,
                    1000_00, "EUR", true, created));
            index.upsert(new PreferenceRecord(SECOND, "u2", true, List.of(), List.of(), 180_00,
                    PreferenceRecord.NO_TOTAL_BUDGET, "EUR", true, created + 1));
            return index;
        }

        @Bean
        IndexReadiness indexReadiness() {
            return () -> true;
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void answersRankedCandidatesWithTheirBids() throws Exception {
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "test-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"exchange":"ex","auctionId":"a1","category":" Watches","brand":"OMEGA",
                                 "floorPrice":120,"currency":"EUR","auctionType":"ENGLISH","minIncrement":1.00,
                                 "maxCandidates":5,"unknownField":true}"""))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.outcome").value("CANDIDATES"))
                .andExpect(jsonPath("$.eligible").value(2))
                .andExpect(jsonPath("$.candidates[0].preferenceId").value(WINNER.toString()))
                .andExpect(jsonPath("$.candidates[0].userId").value("u1"))
                .andExpect(jsonPath("$.candidates[0].bid").value(181.00))
                .andExpect(jsonPath("$.candidates[0].effectiveBudget").value(250.00))
                .andExpect(jsonPath("$.candidates[0].maxBid").value(250.00))
                .andExpect(jsonPath("$.candidates[0].totalBudget").value(1000.00))
                .andExpect(jsonPath("$.candidates[0].createdAt").value("2026-01-01T10:00:00.000Z"))
                .andExpect(jsonPath("$.candidates[1].preferenceId").value(SECOND.toString()))
                .andExpect(jsonPath("$.candidates[1].bid").value(120.00))
                .andExpect(jsonPath("$.candidates[1].totalBudget").value(nullValue()))
                .andExpect(jsonPath("$.candidates[1].createdAt").value("2026-01-01T10:00:00.001Z"));
    }

    @Test
    void answersNoBidReasonsWithAnEmptyList() throws Exception {
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "test-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorPrice\":300,\"currency\":\"EUR\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("BELOW_FLOOR"))
                .andExpect(jsonPath("$.eligible").value(0))
                .andExpect(jsonPath("$.candidates").isEmpty());
    }

    @Test
    void listsEveryInvalidField() throws Exception {
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "test-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"currency":"eur","minIncrement":0.001,"auctionType":"DUTCH","maxCandidates":-1}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(
                        "currency", "floorPrice", "minIncrement", "auctionType", "maxCandidates")));
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "test-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorPrice\":-1,\"currency\":\"XYZ\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("currency", "floorPrice")));
    }

    @Test
    void malformedJsonIs400AndWrongMediaType415() throws Exception {
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "test-token")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"floorPrice\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "test-token")
                        .contentType(MediaType.TEXT_PLAIN).content("floor"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesCallsWithoutTheInternalToken() throws Exception {
        mvc.perform(post("/internal/v1/decisions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorPrice\":1,\"currency\":\"EUR\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/internal/v1/decisions").header(InternalHeaders.INTERNAL_TOKEN, "wrong")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"floorPrice\":1,\"currency\":\"EUR\"}"))
                .andExpect(status().isUnauthorized());
    }
}
