package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Specs;
import org.junit.jupiter.api.Test;

/** Who is calling: nobody gets anything but health without a bearer credential plinth knows. */
class AuthenticationIT extends EndToEndTest {

    @Test
    void withoutACredentialEveryRouteButHealthIs401AndNothingIsCreated() {
        PlinthApi anonymous = api.as(null);

        for (Reply reply : new Reply[] {
            anonymous.sendOutsideContract("GET", "/environments", null, null),
            anonymous.sendOutsideContract("POST", "/environments", "application/json", Specs.fullExample()),
            anonymous.sendOutsideContract("POST", "/plans", "application/json", Specs.fullExample()),
            anonymous.sendOutsideContract("GET", "/actuator/prometheus", null, null)
        }) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(reply.text("/type")).isEqualTo("urn:plinth:problem:unauthenticated");
        }
        assertThat(AWS.calls()).as("AWS calls for requests nobody made").isEmpty();
        assertThat(anonymous
                        .sendOutsideContract("GET", "/actuator/health/readiness", null, null)
                        .status())
                .isEqualTo(200);
        assertThat(api.as("not-a-token-plinth-made")
                        .sendOutsideContract("GET", "/actuator/health/liveness", null, null)
                        .status())
                .as("a probe is answered whatever it carries")
                .isEqualTo(200);
    }

    @Test
    void anUnknownTokenIs401AsAnInvalidTokenAndTheBootstrapTokenIsAnAdmin() {
        Reply unknown = api.as("not-a-token-plinth-made").sendOutsideContract("GET", "/environments", null, null);

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(api.get("/environments").status()).isEqualTo(200);
        assertThat(api.getOutsideContract("/actuator/prometheus").status())
                .as("the actuator is an admin's")
                .isEqualTo(200);
    }
}
