package io.oktioneer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/users/u42?x=1&y=%20", "/api/v1/auctions/ex/A-1~!$&'()*+,;=:@",
            "/api/v1/users/a%2Fb", "*", "http://host:8080/a?b=c/d"})
    void rfc3986TargetsPassUntouched(String target) {
        assertThat(RequestTargetGuard.wellFormed(target)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users/%", "/api/v1/users/%G1", "/api/v1/users/%2", "/api/v1/users/a\\b",
            "/a\"b", "/a<b>", "/a{b}", "/a|b", "/a^b", "/a`b", "/a[b]", "/a#b", "/caf\u00e9", "/a\u0001", ""})
    void othersAreEscapedSoTheyParse(String target) throws Exception {
        assertThat(RequestTargetGuard.wellFormed(target)).isFalse();
        String escaped = RequestTargetGuard.escape(target);
        assertThat(RequestTargetGuard.wellFormed(escaped)).as(escaped).isTrue();
        new URI(escaped);
    }
}
