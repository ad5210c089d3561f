package io.oktioneer.preference.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.preference.validation.Errors;
import io.oktioneer.support.problem.FieldError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDraftTest {

    private final Errors errors = new Errors();

    @Test
    void statusDefaultsToActive() {
        assertThat(UserDraft.from(Map.of("displayName", "Ada"), errors)).isEqualTo(new UserDraft("Ada", UserStatus.ACTIVE));
        assertThat(UserDraft.from(Map.of("displayName", "Ada", "status", "SUSPENDED"), errors))
                .isEqualTo(new UserDraft("Ada", UserStatus.SUSPENDED));
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void displayNameRequiredNotBlankAtMost200Characters() {
        assertThat(UserDraft.from(Map.of("displayName", "é".repeat(200)), errors)).isNotNull();
        assertThat(UserDraft.from(Map.of(), errors)).isNull();
        assertThat(UserDraft.from(Map.of("displayName", "   "), errors)).isNull();
        assertThat(UserDraft.from(Map.of("displayName", "x".repeat(201)), errors)).isNull();
        assertThat(UserDraft.from(Map.of("displayName", 5), errors)).isNull();
        assertThat(errors.list()).extracting(FieldError::field).containsOnly("displayName").hasSize(4);
    }

    @Test
    void unknownStatusAndBadNameAreBothListed() {
        assertThat(UserDraft.from(Map.of("displayName", "", "status", "active"), errors)).isNull();
        assertThat(errors.list()).extracting(FieldError::field).containsExactly("displayName", "status");
    }

    @Test
    void userIdCharactersAndLength() {
        assertThat(UserIds.isValid("u42")).isTrue();
        assertThat(UserIds.isValid("A.b_c-9")).isTrue();
        assertThat(UserIds.isValid("x".repeat(64))).isTrue();
        assertThat(UserIds.isValid("x".repeat(65))).isFalse();
        assertThat(UserIds.isValid("")).isFalse();
        assertThat(UserIds.isValid("bad id")).isFalse();
        assertThat(UserIds.isValid("bad$id")).isFalse();
        assertThat(UserIds.isValid("ünï")).isFalse();
    }
}
