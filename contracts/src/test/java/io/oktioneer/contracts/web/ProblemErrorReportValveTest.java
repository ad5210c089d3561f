package io.oktioneer.contracts.web;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class ProblemErrorReportValveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bodiesAreProblemJsonWhateverThePath() {
        JsonNode body = JSON.readTree(ProblemErrorReportValve.body(400, "/api/v1/users/a%2Fb\"<script>\n"));
        assertThat(body.get("type").asString()).isEqualTo("about:blank");
        assertThat(body.get("title").asString()).isEqualTo("Bad Request");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("instance").asString()).isEqualTo("/api/v1/users/a%2Fb\"<script>\n");
        assertThat(JSON.readTree(ProblemErrorReportValve.body(405, null)).get("instance").isNull()).isTrue();
        assertThat(JSON.readTree(ProblemErrorReportValve.body(599, "/")).get("title").asString()).isEqualTo("Server Error");
        assertThat(ProblemErrorReportValve.body(413, "/x")).doesNotContain("<");
    }
}
