package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenFormatTest {

    /** What the README tells secret scanners to look for. */
    private static final Pattern SCANNED = Pattern.compile("plinth_[0-9A-Za-z]{46}");

    @Test
    void aNewTokenIsWellFormedAndFoundByTheScannersPattern() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = TokenFormat.newToken();
            assertThat(SCANNED.matcher(token).matches()).as(token).isTrue();
            assertThat(TokenFormat.isWellFormed(token)).as(token).isTrue();
            tokens.add(token);
        }
        assertThat(tokens).as("no two alike").hasSize(1000);
    }

    @Test
    void aTokenWithAnyCharacterChangedOrMissingIsNotWellFormed() {
        String token = TokenFormat.newToken();
        for (int i = TokenFormat.PREFIX.length(); i < token.length(); i++) {
            char changed = token.charAt(i) == 'a' ? 'b' : 'a';
            String typo = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(TokenFormat.isWellFormed(typo)).as(typo).isFalse();
        }
        assertThat(TokenFormat.isWellFormed(token.substring(1))).isFalse();
        assertThat(TokenFormat.isWellFormed(token + "0")).isFalse();
        assertThat(TokenFormat.isWellFormed("other_" + token.substring(TokenFormat.PREFIX.length())))
                .isFalse();
        assertThat(TokenFormat.isWellFormed("suite-bootstrap-admin-0123456789abcdef"))
                .isFalse();
    }
}
