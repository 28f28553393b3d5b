package dev.plinth.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SpecChangesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void namesEachChangedLeafAndEachSectionAddedOrRemovedWhole() {
        var before = json.readTree("""
                {"name": "a", "network": {"cidr": "10.0.0.0/16", "availabilityZones": 2},
                 "service": {"desiredCount": 1, "environment": {"A": "1"}}, "alarms": {"enabled": true}}""");
        var after = json.readTree("""
                {"name": "a", "network": {"cidr": "10.0.0.0/16", "availabilityZones": 3},
                 "service": {"desiredCount": 1, "environment": {"A": "2", "B": "3"}}, "cdn": {"enabled": true}}""");

        assertThat(SpecChanges.paths(before, after))
                .containsExactly(
                        "alarms", "cdn", "network.availabilityZones", "service.environment.A", "service.environment.B");
    }

    @Test
    void equalSpecsHaveNoChanges() {
        var spec = json.readTree("{\"name\": \"a\", \"tags\": {\"team\": \"x\"}}");
        assertThat(SpecChanges.paths(spec, spec.deepCopy())).isEmpty();
    }
}
