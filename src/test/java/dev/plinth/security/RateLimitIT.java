package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.JwtIssuer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Each caller's requests against its own buckets, over real HTTP: a caller past its limit is answered 429 with
 * Retry-After while another is served; reads and writes are counted apart; health, a 401 and a 403 take no token.
 * The limits here are tiny, and refill one token a minute, so that no test waits for a refill.
 */
@TestPropertySource(
        properties = {
            "plinth.security.rate-limit.writes.burst=3", "plinth.security.rate-limit.writes.per-minute=1",
            "plinth.security.rate-limit.reads.burst=5", "plinth.security.rate-limit.reads.per-minute=1"
        })
class RateLimitIT extends EndToEndTest {

    private static final JwtIssuer ISSUER = JwtIssuer.start();
    /** A write that takes a token and changes nothing: a plan of a body that is no spec answers 400. */
    private static final String NOT_A_SPEC = "[]";

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> ISSUER.jwkSetUri().toString());
    }

    @Test
    void aCallerPastItsWriteLimitIs429WithRetryAfterWhileAnotherCallerIsServed() {
        PlinthApi runaway = api.as(ISSUER.token("runaway-script", "payments", List.of("deployer")));
        PlinthApi colleague = api.as(ISSUER.token("ana@example.com", "payments", List.of("deployer")));

        for (String left : List.of("2", "1", "0")) {
            Reply served = runaway.postJson("/plans", NOT_A_SPEC);
            assertThat(served.status()).as(served.body()).isEqualTo(400);
            assertThat(served.headers().firstValue("RateLimit-Remaining")).contains(left);
        }
        Reply limited = runaway.postJson("/plans", NOT_A_SPEC);

        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.text("/type")).isEqualTo("urn:plinth:problem:rate-limited");
        assertThat(limited.text("/title")).isEqualTo("Too many requests");
        assertThat(limited.text("/detail"))
                .contains("writes are limited to 1 per minute, in bursts of up to 3")
                .containsPattern("retry in \\d+ s");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()))
                .as("a token a minute: whole seconds until the next")
                .isBetween(1, 60);
        assertThat(limited.headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(colleague.postJson("/plans", NOT_A_SPEC).status())
                .as("another caller of the same team")
                .isEqualTo(400);
        assertThat(api.postJson("/plans", NOT_A_SPEC).status())
                .as("the bootstrap admin")
                .isEqualTo(400);
    }

    @Test
    void readsAndWritesAreCountedApart() {
        PlinthApi reader = api.as(ISSUER.token("dashboard", "payments", List.of("deployer")));

        for (int i = 0; i < 5; i++) {
            assertThat(reader.get("/presets").status()).isEqualTo(200);
        }
        Reply limited = reader.get("/presets");

        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.text("/detail")).contains("reads are limited to 1 per minute, in bursts of up to 5");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(reader.postJson("/plans", NOT_A_SPEC).status())
                .as("its writes, counted apart")
                .isEqualTo(400);
    }

    @Test
    void healthIsNeverLimitedWhateverTheCallerHasLeft() {
        String token = ISSUER.token("prober", "payments", List.of("viewer"));
        PlinthApi prober = api.as(token);
        for (int i = 0; i < 6; i++) {
            prober.get("/presets");
        }
        assertThat(prober.get("/presets").status()).isEqualTo(429);

        for (int i = 0; i < 20; i++) {
            Reply health = prober.sendOutsideContract("GET", "/actuator/health/liveness", null, null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.headers().firstValue("RateLimit-Remaining"))
                    .as("not counted")
                    .isEmpty();
            assertThat(api.as(null)
                            .sendOutsideContract("GET", "/actuator/health/readiness", null, null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void neitherA401NorA403TakesAToken() {
        Instant now = Instant.now();
        String expired = ISSUER.sign(new JWTClaimsSet.Builder()
                .subject("eve@example.com")
                .claim("team", "payments")
                .claim("roles", List.of("deployer"))
                .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
                .build());
        PlinthApi viewer = api.as(ISSUER.token("vic@example.com", "payments", List.of("viewer")));

        for (int i = 0; i < 6; i++) {
            assertThat(api.as(expired)
                            .sendOutsideContract("POST", "/plans", "application/json", NOT_A_SPEC)
                            .status())
                    .isEqualTo(401);
            assertThat(api.as(null)
                            .sendOutsideContract("POST", "/plans", "application/json", NOT_A_SPEC)
                            .status())
                    .isEqualTo(401);
            assertThat(viewer.sendOutsideContract("POST", "/plans", "application/json", NOT_A_SPEC)
                            .status())
                    .as("a viewer may not plan: refused before it is counted")
                    .isEqualTo(403);
        }

        PlinthApi eve = api.as(ISSUER.token("eve@example.com", "payments", List.of("deployer")));
        for (int i = 0; i < 3; i++) {
            assertThat(eve.postJson("/plans", NOT_A_SPEC).status())
                    .as("eve's whole burst is left")
                    .isEqualTo(400);
        }
        assertThat(eve.postJson("/plans", NOT_A_SPEC).status()).isEqualTo(429);
    }
}
