package io.oktioneer.history.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

    @Test
    void readsTheUsualFormsLikeInstantParse() {
        for (String text : new String[] {"2026-11-24T18:00:00Z", "2026-11-24T18:00:00.1Z", "2026-11-24T18:00:00.123Z",
                "2026-11-24T18:00:00.123456789Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
                "2026-11-24T19:00:00.5+01:00", "2026-11-24T24:00:00Z", "2026-11-24T18:00:00.Z"}) {
            assertThat(IsoTimestamps.epochMillis(text)).as(text).isEqualTo(Instant.parse(text).toEpochMilli());
        }
    }

    @Test
    void refusesWhatIsNotAnInstant() {
        for (String text : new String[] {"2026-02-30T00:00:00Z", "2026-11-24T25:00:00Z", "2026-11-24 18:00:00Z",
                "2026-11-24T18:0a:00Z", "yesterday", "2026-11-24"}) {
            assertThatThrownBy(() -> IsoTimestamps.epochMillis(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
