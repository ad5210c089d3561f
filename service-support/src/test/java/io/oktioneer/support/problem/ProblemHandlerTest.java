package io.oktioneer.support.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The one answer per condition, the same in every service. */
class ProblemHandlerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Refusals())
            .setControllerAdvice(new ProblemHandler()).build();

    @Test
    void listsEveryInvalidField() throws Exception {
        mvc.perform(get("/invalid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Bad Request"))
                .andExpect(jsonPath("$.detail").value("The request has invalid fields."))
                .andExpect(jsonPath("$.instance").value("/invalid"))
                .andExpect(jsonPath("$.errors[0].field").value("exchange"))
                .andExpect(jsonPath("$.errors[0].message").value("must be present"))
                .andExpect(jsonPath("$.errors[1].field").value("brands[3]"));
    }

    @Test
    void answersAProblemExceptionWithItsStatusMembersAndHeaders() throws Exception {
        mvc.perform(get("/stale"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.ETAG, "\"7\""))
                .andExpect(jsonPath("$.detail").value("Read it again."))
                .andExpect(jsonPath("$.currentVersion").value(7))
                .andExpect(jsonPath("$.status").value(412));
        mvc.perform(get("/gone/x"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value("The store is unavailable."))
                .andExpect(content().string(not(
                        containsString("secret host"))));
    }

    @Test
    void answersADatabaseOutageWith503AndRetryAfter() throws Exception {
        mvc.perform(get("/database"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The database is unavailable; retry shortly."));
    }

    @Test
    void answersAnythingElse500WithoutItsMessage() throws Exception {
        mvc.perform(get("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Unexpected error."))
                .andExpect(content().string(not(
                        containsString("internal detail"))));
    }

    @Test
    void answersAMalformedBody400() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"a\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Bad Request"))
                .andExpect(jsonPath("$.detail").value("The body must be a well-formed JSON object of the right shape."))
                .andExpect(jsonPath("$.instance").value("/echo"));
    }

    @Test
    void answersSpringsOwnRefusalsAsProblems() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(415));
        mvc.perform(post("/invalid"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists(HttpHeaders.ALLOW));
    }

    @RestController
    static class Refusals {

        @GetMapping("/invalid")
        void invalid() {
            throw new InvalidRequestException(List.of(new FieldError("exchange", "must be present"),
                    new FieldError("brands[3]", "must be at most 64 characters")));
        }

        @GetMapping("/stale")
        void stale() {
            throw new Stale(7);
        }

        @GetMapping("/gone/{what}")
        void gone(@PathVariable String what) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The store is unavailable.",
                    new IllegalStateException("secret host is down"));
        }

        @GetMapping("/database")
        void database() {
            throw new DataAccessResourceFailureException("connection refused");
        }

        @GetMapping("/bug")
        void bug() {
            throw new IllegalStateException("internal detail");
        }

        @PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }
    }

    static final class Stale extends ProblemException {
        Stale(long version) {
            super(HttpStatus.PRECONDITION_FAILED, "Read it again.");
            property("currentVersion", version);
            header(HttpHeaders.ETAG, "\"" + version + "\"");
        }
    }
}
