package io.oktioneer.auction.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.oktioneer.auction.evaluation.EvaluateRequestParser;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import io.oktioneer.support.warmup.WarmupBodies;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The warm-up's evaluations go the whole way through the parser and are refused at its last check only. */
class WarmupTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theWarmUpEvaluationIsRefusedOnlyForItsDeadlineSoTheParserReadsEveryField() {
        for (int i = 0; i < 50; i++) {
            String body = json.writeValueAsString(WarmupBodies.refusedEvaluation(i));
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> EvaluateRequestParser
                    .parse(json.readTree(body)));
            assertThat(refused).isNotNull();
            assertThat(refused.errors()).extracting(FieldError::field).containsExactly("tmaxMs");
        }
    }
}
