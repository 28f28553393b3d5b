package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import org.junit.jupiter.api.Test;

/** Kubernetes' probes: readiness needs the database and AWS; liveness is the application alone. */
class HealthIT extends EndToEndTest {

    @Test
    void readinessIncludesTheDatabaseAndAwsAndLivenessDoesNot() {
        PlinthApi.Reply readiness = api.getOutsideContract("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "db", "aws");
        readiness
                .json()
                .path("components")
                .forEach(component ->
                        assertThat(component.path("status").asString()).isEqualTo("UP"));

        PlinthApi.Reply liveness = api.getOutsideContract("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        assertThat(liveness.body()).doesNotContain("\"db\"", "\"aws\"");
    }
}
