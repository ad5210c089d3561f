package io.oktioneer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.oktioneer.client.api.AuctionsApi;
import io.oktioneer.client.model.AuctionItem;
import io.oktioneer.client.model.DecisionView;
import io.oktioneer.client.model.EvaluateRequest;
import io.oktioneer.client.model.Problem;
import io.oktioneer.client.model.ResultRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated client against a stub gateway (the JDK's HTTP server): what it sends is what the committed
 * document describes, and what it gets back (a decision, the replay header, a problem) reaches the caller.
 */
class GeneratedClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "okt_bidder_test";

    /** One request the stub received. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** What the stub answers next. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private HttpServer server;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Answer answer = answers.remove();
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                answer.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(answer.status(), body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void evaluateSendsTheDocumentedFieldsWithKeyAndRequestIdAndReadsTheReplayedDecision() throws Exception {
        answers.add(new Answer(200, "application/json", """
                {"decisionId": "5f0c1e9a-3b7d-4c2e-9a51-7d2f8e6b4a10", "exchange": "ex-paris", "auctionId": "A-1",
                 "decision": "BID", "bid": {"amount": 121.00, "currency": "EUR", "userId": "u42",
                 "preferenceId": "0b7e4a4e-5d0c-4a8e-9f57-1f1e0f4c2a11"}, "reason": null, "candidates": 2,
                 "evaluatedAt": "2026-11-24T17:59:58.120Z", "somethingNew": 1}""",
                Map.of(GatewayClient.REPLAYED, "true")));
        AuctionsApi auctions = new AuctionsApi(GatewayClient.create(url(), KEY, () -> "req-1"));

        EvaluateRequest request = new EvaluateRequest().exchange("ex-paris").auctionId("A-1")
                .item(new AuctionItem().category("watches").brand("Omega").title("Seamaster"))
                .floorPrice(new BigDecimal("120.00")).currency("EUR")
                .auctionType(EvaluateRequest.AuctionTypeEnum.ENGLISH).minIncrement(new BigDecimal("1.00"))
                .closesAt(OffsetDateTime.parse("2026-11-24T18:00:00Z")).tmaxMs(80);
        ApiResponse<DecisionView> answer = auctions.evaluateAuctionWithHttpInfo(request);

        Received sent = received.remove();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/auctions/evaluate");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header(GatewayClient.REQUEST_ID)).isEqualTo("req-1");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(fieldNames(body)).as("fields sent for evaluate").isEqualTo(documentedFields("EvaluateRequest"));
        assertThat(fieldNames(body.get("item"))).isEqualTo(documentedFields("AuctionItem"));
        assertThat(body.get("floorPrice").isNumber()).as("amounts are JSON numbers").isTrue();
        assertThat(body.get("floorPrice").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(body.get("auctionType").asText()).isEqualTo("ENGLISH");
        assertThat(body.get("closesAt").asText()).isEqualTo("2026-11-24T18:00:00Z");
        assertThat(body.get("tmaxMs").asInt()).isEqualTo(80);

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(GatewayClient.replayed(answer)).isTrue();
        DecisionView decision = answer.getData();
        assertThat(String.valueOf(decision.getDecision())).isEqualTo("BID");
        assertThat(decision.getBid().getAmount()).isEqualByComparingTo("121.00");
        assertThat(decision.getBid().getUserId()).isEqualTo("u42");
    }

    @Test
    void fieldsLeftOutAreSentWithTheDocumentedDefaultsOrNotAtAll() throws Exception {
        answers.add(new Answer(200, "application/json", "{\"decision\": \"NO_BID\", \"reason\": \"NO_MATCH\"}",
                Map.of()));
        AuctionsApi auctions = new AuctionsApi(GatewayClient.create(url(), KEY));

        ApiResponse<DecisionView> answer = auctions.evaluateAuctionWithHttpInfo(new EvaluateRequest()
                .exchange("ex-paris").auctionId("A-2").item(new AuctionItem().category("sofas"))
                .floorPrice(BigDecimal.TEN).currency("EUR"));

        Received sent = received.remove();
        JsonNode body = JSON.readTree(sent.body());
        // the generated model starts with the document's defaults, the same the service applies to a field left out
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("exchange", "auctionId", "item", "floorPrice",
                "currency", "auctionType", "minIncrement", "tmaxMs");
        JsonNode documented = schema("EvaluateRequest").path("properties");
        for (String defaulted : List.of("auctionType", "minIncrement", "tmaxMs")) {
            assertThat(body.get(defaulted).asText()).as(defaulted)
                    .isEqualTo(documented.path(defaulted).path("default").asText());
        }
        assertThat(fieldNames(body.get("item"))).containsExactly("category");
        assertThat(sent.header(GatewayClient.REQUEST_ID)).as("no request id unless the caller gives one").isNull();
        assertThat(GatewayClient.replayed(answer)).isFalse();
        assertThat(String.valueOf(answer.getData().getReason())).isEqualTo("NO_MATCH");
    }

    @Test
    void anAnswerWithFieldsOrValuesTheClientDoesNotKnowStillReads() throws Exception {
        answers.add(new Answer(200, "application/json",
                "{\"decision\": \"NO_BID\", \"reason\": \"SOMETHING_NEW\", \"newField\": {\"x\": 1}}", Map.of()));
        AuctionsApi auctions = new AuctionsApi(GatewayClient.create(url(), KEY));

        DecisionView decision = auctions.evaluateAuction(new EvaluateRequest().exchange("ex-paris").auctionId("A-3")
                .item(new AuctionItem()).floorPrice(BigDecimal.ONE).currency("EUR"));

        received.remove();
        assertThat(String.valueOf(decision.getDecision())).isEqualTo("NO_BID");
        assertThat(decision.getReason()).isNull();
    }

    @Test
    void aRefusedResultComesBackAsAnExceptionCarryingTheProblem() throws Exception {
        String problem = """
                {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
                 "detail": "clearingPrice 190.00 is above our bid 181.00", "instance": "/api/v1/auctions/result"}""";
        answers.add(new Answer(422, "application/problem+json", problem, Map.of()));
        AuctionsApi auctions = new AuctionsApi(GatewayClient.create(url(), KEY));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> auctions.recordAuctionResult(
                new ResultRequest().exchange("ex-paris").auctionId("A-1").outcome(ResultRequest.OutcomeEnum.WON)
                        .clearingPrice(new BigDecimal("190.00"))));

        Received sent = received.remove();
        assertThat(sent.path()).isEqualTo("/api/v1/auctions/result");
        assertThat(fieldNames(readTree(sent.body())))
                .containsExactlyInAnyOrder("exchange", "auctionId", "outcome", "clearingPrice");
        assertThat(documentedFields("ResultRequest")).containsAll(fieldNames(readTree(sent.body())));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.getResponseBody()).isEqualTo(problem);
        Problem parsed = GatewayClient.problem(refused);
        assertThat(parsed.getStatus()).isEqualTo(422);
        assertThat(parsed.getDetail()).contains("above our bid");
    }

    @Test
    void aCallThatGetsNoAnswerHasNoStatusAndNoProblem() {
        server.stop(0);
        AuctionsApi auctions = new AuctionsApi(GatewayClient.create(url(), KEY));

        ApiException failed = catchThrowableOfType(ApiException.class, () -> auctions.getAuction("ex-paris", "A-1"));

        assertThat(failed.getCode()).isZero();
        assertThat(failed.getCause()).isInstanceOf(IOException.class);
        assertThat(GatewayClient.problem(failed)).isNull();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The properties a schema of the committed document (the one the client was generated from) lists. */
    private static Set<String> documentedFields(String schema) throws IOException {
        JsonNode properties = schema(schema).path("properties");
        assertThat(properties.isObject()).as("properties of %s", schema).isTrue();
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return new TreeSet<>(names);
    }

    private static JsonNode schema(String name) throws IOException {
        JsonNode document = JSON.readTree(Path.of(System.getProperty("client.document")).toFile());
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isObject()).as("schema %s in %s", name, System.getProperty("client.document")).isTrue();
        return schema;
    }
}
