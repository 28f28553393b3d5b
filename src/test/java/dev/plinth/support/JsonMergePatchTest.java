package dev.plinth.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonMergePatchTest {

    private final JsonMapper json = JsonMapper.shared();

    /** The rules of RFC 7396, section 2: null removes, objects merge, arrays and values replace. */
    @Test
    void followsRfc7396() {
        JsonNode merged = JsonMergePatch.apply(
                json.readTree("{\"a\": {\"b\": 1, \"c\": [1, 2]}, \"d\": 1}"),
                json.readTree("{\"a\": {\"b\": null, \"c\": [3]}, \"e\": {\"f\": true}}"));

        assertThat(merged).isEqualTo(json.readTree("{\"a\": {\"c\": [3]}, \"d\": 1, \"e\": {\"f\": true}}"));
        assertThat(merged.path("a").has("b")).isFalse();
    }

    /** A patch that is not an object replaces the whole target (RFC 7396, appendix A, the last examples). */
    @Test
    void aPatchThatIsNotAnObjectReplacesTheTarget() {
        assertThat(JsonMergePatch.apply(json.readTree("{\"a\": \"b\"}"), json.readTree("[\"c\"]")))
                .isEqualTo(json.readTree("[\"c\"]"));
        assertThat(JsonMergePatch.apply(json.readTree("[1, 2]"), json.readTree("{\"a\": \"b\"}")))
                .isEqualTo(json.readTree("{\"a\": \"b\"}"));
    }
}
