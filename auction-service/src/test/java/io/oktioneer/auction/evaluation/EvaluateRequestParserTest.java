package io.oktioneer.auction.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvaluateRequestParserTest {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void appliesDefaults() {
        EvaluateRequest request = EvaluateRequestParser.parse(json(
                "{'exchange':'ex-paris','auctionId':'A-123','item':{},'floorPrice':120,'currency':'EUR'}"));
        assertThat(request.exchange()).isEqualTo("ex-paris");
        assertThat(request.auctionType()).isEqualTo(AuctionType.ENGLISH);
        assertThat(request.tmaxMs()).isEqualTo(100);
        AuctionTerms terms = request.terms();
        assertThat(terms.key()).isEqualTo(new AuctionKey("ex-paris", "A-123"));
        assertThat(terms.auctionType()).isEqualTo(AuctionType.ENGLISH);
        assertThat(terms.minIncrement()).isEqualTo(new BigDecimal("0.01"));
        assertThat(terms.tmaxMs()).isEqualTo(100);
        assertThat(terms.floorPrice()).isEqualTo(new BigDecimal("120.00"));
        assertThat(terms.closesAt()).isNull();
        assertThat(terms.item().category()).isNull();
    }

    @Test
    void readsEveryField() {
        AuctionTerms terms = EvaluateRequestParser.parse(json("""
                {'exchange':'ex-paris','auctionId':'A 1/x','item':{'category':'watches','brand':'Omega',
                 'title':'Seamaster 1972'},'floorPrice':0,'currency':'USD','auctionType':'SECOND_PRICE',
                 'minIncrement':1.5,'closesAt':'2026-11-24T18:00:00.000Z','tmaxMs':80,'unknown':true}""")).terms();
        assertThat(terms.item().brand()).isEqualTo("Omega");
        assertThat(terms.floorPrice()).isEqualTo(new BigDecimal("0.00"));
        assertThat(terms.auctionType()).isEqualTo(AuctionType.SECOND_PRICE);
        assertThat(terms.minIncrement()).isEqualTo(new BigDecimal("1.50"));
        assertThat(terms.closesAt()).isEqualTo(Instant.parse("2026-11-24T18:00:00Z"));
        assertThat(terms.tmaxMs()).isEqualTo(80);
    }

    @Test
    void listsEveryBadField() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> EvaluateRequestParser.parse(json("""
                {'exchange':'Ex Paris','auctionId':'','item':'watch','floorPrice':'120','currency':'eur',
                 'auctionType':'DUTCH','minIncrement':0,'closesAt':'tomorrow','tmaxMs':60001}""")));
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("exchange", "auctionId",
                "item", "floorPrice", "currency", "auctionType", "minIncrement", "closesAt", "tmaxMs");
    }

    @Test
    void answersEachBadFieldWithItsRule() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> EvaluateRequestParser.parse(json("""
                {'exchange':'Ex Paris','auctionId':'','item':{'category':5,'title':'%s'},'floorPrice':'120',
                 'currency':'ZZZ','auctionType':'DUTCH','minIncrement':0.001,'closesAt':'tomorrow','tmaxMs':1.5}"""
                .formatted("t".repeat(1025)))));
        assertThat(e.errors()).containsExactly(
                new FieldError("exchange", "must be 1-64 characters of [a-z0-9._-]"),
                new FieldError("auctionId", "must be 1-128 printable ASCII characters"),
                new FieldError("item.category", "must be a string"),
                new FieldError("item.title", "must be at most 1024 characters"),
                new FieldError("floorPrice", "must be a JSON number"),
                new FieldError("currency", "must be an ISO 4217 currency code"),
                new FieldError("auctionType", "must be one of [ENGLISH, FIRST_PRICE, SECOND_PRICE]"),
                new FieldError("minIncrement", "must have at most 2 fraction digits"),
                new FieldError("closesAt", "must be an ISO-8601 timestamp, e.g. 2026-11-24T18:00:00.000Z"),
                new FieldError("tmaxMs", "must be an integer"));
    }

    @Test
    void requiresTheRequiredFields() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> EvaluateRequestParser.parse(json("{'exchange':null}")));
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("exchange", "auctionId", "item", "floorPrice", "currency");
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.message()).isEqualTo("must not be null"));
    }

    @Test
    void refusesAmountsOutsideTheMoneyRules() {
        assertThat(fieldsOf("{'floorPrice':120.001}")).contains("floorPrice");
        assertThat(fieldsOf("{'floorPrice':-1}")).contains("floorPrice");
        assertThat(fieldsOf("{'floorPrice':1000000000.01}")).contains("floorPrice");
        assertThat(fieldsOf("{'floorPrice':1000000000}")).doesNotContain("floorPrice");
        assertThat(fieldsOf("{'floorPrice':1e2}")).doesNotContain("floorPrice");
        assertThat(fieldsOf("{'minIncrement':-0.01}")).contains("minIncrement");
        assertThat(fieldsOf("{'minIncrement':0.001}")).contains("minIncrement");
    }

    @Test
    void checksTmaxAndCurrencyAndTexts() {
        assertThat(fieldsOf("{'tmaxMs':0}")).contains("tmaxMs");
        assertThat(fieldsOf("{'tmaxMs':1.5}")).contains("tmaxMs");
        assertThat(fieldsOf("{'tmaxMs':'80'}")).contains("tmaxMs");
        assertThat(fieldsOf("{'tmaxMs':60000}")).doesNotContain("tmaxMs");
        assertThat(fieldsOf("{'tmaxMs':1}")).doesNotContain("tmaxMs");
        assertThat(fieldsOf("{'currency':'ZZZ'}")).contains("currency");
        assertThat(fieldsOf("{'item':{'category':5}}")).contains("item.category");
        assertThat(fieldsOf("{'auctionId':'" + "a".repeat(129) + "'}")).contains("auctionId");
        assertThat(fieldsOf("{'auctionId':'caf\u00e9'}")).contains("auctionId");
        assertThat(fieldsOf("{'exchange':'" + "a".repeat(65) + "'}")).contains("exchange");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> EvaluateRequestParser.parse(json("[1,2]")));
        assertThat(e.errors()).extracting(FieldError::field).contains("body");
    }

    /** The fields rejected when {@code override} is merged into a valid body. */
    private static java.util.List<String> fieldsOf(String override) {
        var body = (tools.jackson.databind.node.ObjectNode) json(
                "{'exchange':'ex','auctionId':'A','item':{},'floorPrice':1,'currency':'EUR'}");
        json(override).properties().forEach(p -> body.set(p.getKey(), p.getValue()));
        try {
            EvaluateRequestParser.parse(body);
            return java.util.List.of();
        } catch (InvalidRequestException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }
}
