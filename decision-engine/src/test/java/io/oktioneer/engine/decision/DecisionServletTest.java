package io.oktioneer.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.engine.index.PreferenceIndex;
import io.oktioneer.engine.index.PreferenceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP contract of the decision endpoint (the servlet behind the internal-token filter, as Tomcat runs
 * them): answer shape, validation, media type, method, 503 while loading, internal token.
 */
class DecisionServletTest {

    static final UUID WINNER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final String TOKEN = "test-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private boolean loaded = true;
    private final DecisionServlet servlet = new DecisionServlet(index(), () -> loaded,
            new DecisionRequests(new DecisionProperties(10, 100)), meters);
    private final InternalTokenFilter tokenFilter = new InternalTokenFilter(TOKEN);

    private static PreferenceIndex index() {
        PreferenceIndex index = new PreferenceIndex();
        long created = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
        index.upsert(new PreferenceRecord(WINNER, "u1", true, List.of("watches"), List.of("omega"), 250_00,
                1000_00, "EUR", true, created));
        index.upsert(new PreferenceRecord(SECOND, "u2", true, List.of(), List.of(), 180_00,
                PreferenceRecord.NO_TOTAL_BUDGET, "EUR", true, created + 1));
        return index;
    }

    private MockHttpServletResponse post(String contentType, String body, String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", DecisionServlet.PATH);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        if (token != null) {
            request.addHeader(InternalHeaders.INTERNAL_TOKEN, token);
        }
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(servlet, tokenFilter).doFilter(request, response);
        return response;
    }

    private MockHttpServletResponse post(String body) throws Exception {
        return post("application/json", body, TOKEN);
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsByteArray());
    }

    @Test
    void answersRankedCandidatesWithTheirBids() throws Exception {
        MockHttpServletResponse response = post("""
                {"exchange":"ex","auctionId":"a1","category":" Watches","brand":"OMEGA",
                 "floorPrice":120,"currency":"EUR","auctionType":"ENGLISH","minIncrement":1.00,
                 "maxCandidates":5,"unknownField":{"nested":[1,2]}}""");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        String body = response.getContentAsString();
        // amounts plain with 2 decimals, absent total budget as null, instants with milliseconds
        assertThat(body).contains("\"bid\":181.00", "\"effectiveBudget\":250.00", "\"maxBid\":250.00",
                "\"totalBudget\":1000.00", "\"totalBudget\":null", "\"bid\":120.00");
        JsonNode decision = json(response);
        assertThat(decision.path("outcome").asString()).isEqualTo("CANDIDATES");
        assertThat(decision.path("eligible").asInt()).isEqualTo(2);
        JsonNode first = decision.path("candidates").get(0);
        assertThat(first.path("preferenceId").asString()).isEqualTo(WINNER.toString());
        assertThat(first.path("userId").asString()).isEqualTo("u1");
        assertThat(first.path("createdAt").asString()).isEqualTo("2026-01-01T10:00:00.000Z");
        JsonNode second = decision.path("candidates").get(1);
        assertThat(second.path("preferenceId").asString()).isEqualTo(SECOND.toString());
        assertThat(second.path("totalBudget").isNull()).isTrue();
        assertThat(second.path("createdAt").asString()).isEqualTo("2026-01-01T10:00:00.001Z");
        assertThat(meters.get("oktioneer.engine.decision.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void readsAmountsGivenAsStringsAndCapsMaxCandidates() throws Exception {
        JsonNode decision = json(post("""
                {"floorPrice":"120.00","currency":"EUR","minIncrement":"1","maxCandidates":1}"""));

        assertThat(decision.path("eligible").asInt()).isEqualTo(1);
        assertThat(decision.path("candidates").size()).isEqualTo(1);
        assertThat(decision.path("candidates").get(0).path("bid").decimalValue()).isEqualByComparingTo("120.00");
    }

    @Test
    void answersNoBidReasonsWithAnEmptyList() throws Exception {
        JsonNode decision = json(post("{\"floorPrice\":300,\"currency\":\"EUR\"}"));

        assertThat(decision.path("outcome").asString()).isEqualTo("BELOW_FLOOR");
        assertThat(decision.path("eligible").asInt()).isZero();
        assertThat(decision.path("candidates").isArray()).isTrue();
        assertThat(decision.path("candidates").isEmpty()).isTrue();
    }

    @Test
    void listsEveryInvalidField() throws Exception {
        MockHttpServletResponse response = post("""
                {"currency":"eur","minIncrement":0.001,"auctionType":"DUTCH","maxCandidates":-1}""");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(fields(problem)).containsExactlyInAnyOrder("currency", "floorPrice", "minIncrement",
                "auctionType", "maxCandidates");
        assertThat(fields(json(post("{\"floorPrice\":-1,\"currency\":\"XYZ\"}"))))
                .containsExactlyInAnyOrder("currency", "floorPrice");
    }

    @Test
    void malformedJsonIs400WrongMediaType415AndOtherMethods405() throws Exception {
        for (String body : List.of("{\"floorPrice\":", "[1]", "{\"floorPrice\":{\"a\":1},\"currency\":\"EUR\"}",
                "{\"floorPrice\":\"ten\",\"currency\":\"EUR\"}", "{\"currency\":\"EUR\"} {}", "")) {
            MockHttpServletResponse malformed = post(body);
            assertThat(malformed.getStatus()).as(body).isEqualTo(400);
            assertThat(malformed.getContentType()).isEqualTo("application/problem+json");
            assertThat(json(malformed).path("title").asString()).isEqualTo("Bad Request");
            assertThat(json(malformed).path("detail").asString())
                    .isEqualTo("The body must be a well-formed JSON object of the right shape.");
        }
        MockHttpServletResponse text = post("text/plain", "floor", TOKEN);
        assertThat(text.getStatus()).isEqualTo(415);
        assertThat(text.getContentType()).isEqualTo("application/problem+json");
        assertThat(post("application/json;charset=UTF-8", "{\"floorPrice\":1,\"currency\":\"EUR\"}", TOKEN)
                .getStatus()).isEqualTo(200);

        MockHttpServletRequest get = new MockHttpServletRequest("GET", DecisionServlet.PATH);
        get.addHeader(InternalHeaders.INTERNAL_TOKEN, TOKEN);
        MockHttpServletResponse notAllowed = new MockHttpServletResponse();
        new MockFilterChain(servlet, tokenFilter).doFilter(get, notAllowed);
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(notAllowed.getHeader("Allow")).isEqualTo("POST");
    }

    @Test
    void answers503WhileTheIndexLoads() throws Exception {
        loaded = false;
        MockHttpServletResponse response = post("{\"floorPrice\":1,\"currency\":\"EUR\"}");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void refusesCallsWithoutTheInternalToken() throws Exception {
        assertThat(post("application/json", "{\"floorPrice\":1,\"currency\":\"EUR\"}", null).getStatus())
                .isEqualTo(401);
        assertThat(post("application/json", "{\"floorPrice\":1,\"currency\":\"EUR\"}", "wrong").getStatus())
                .isEqualTo(401);
    }

    @Test
    void writesInstantsWithExactlyThreeFractionDigits() {
        assertThat(DecisionJson.instantMillis(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(DecisionJson.instantMillis(1_767_261_600_120L)).isEqualTo("2026-01-01T10:00:00.120Z");
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }
}
