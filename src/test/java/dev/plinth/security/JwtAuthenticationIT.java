package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.JwtIssuer;
import dev.plinth.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The organisation's JWTs, checked against the keys its issuer publishes: signature, expiry, not-before, claims. */
class JwtAuthenticationIT extends EndToEndTest {

    private static final JwtIssuer ISSUER = JwtIssuer.start();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> ISSUER.jwkSetUri().toString());
    }

    @Test
    void aTokenOfTheIssuerWithATeamAndARoleIsLetIn() {
        String token = ISSUER.token("ana@example.com", "payments", List.of("deployer"));

        assertThat(api.as(token).get("/environments").status()).isEqualTo(200);
    }

    @Test
    void aRoleThatMayNotActIs403NamingTheRoleNeededAndNothingIsCreated() {
        String viewer = ISSUER.token("vic@example.com", "payments", List.of("viewer"));
        String deployer = ISSUER.token("dee@example.com", "payments", List.of("viewer", "deployer"));

        var create =
                api.as(viewer).sendOutsideContract("POST", "/environments", "application/json", Specs.fullExample());
        assertThat(create.status()).as(create.body()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
        assertThat(create.text("/detail")).contains("deployer");
        assertThat(AWS.calls()).as("AWS calls for a refused request").isEmpty();
        assertThat(api.as(viewer).get("/presets").status()).isEqualTo(200);

        var orphans = api.as(deployer).sendOutsideContract("GET", "/orphans?region=eu-central-1", null, null);
        assertThat(orphans.status()).as(orphans.body()).isEqualTo(403);
        assertThat(orphans.text("/detail")).contains("admin");
        assertThat(api.as(deployer).postJson("/plans", Specs.fullExample()).status())
                .isEqualTo(200);
    }

    @Test
    void expiredNotYetValidForeignRolelessOrOddTeamTokensAre401() {
        Instant now = Instant.now();
        JWTClaimsSet expired = claims(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), List.of("admin"));
        JWTClaimsSet notYet = claims(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), List.of("admin"));
        JWTClaimsSet roleless = claims(now, now.plus(Duration.ofHours(1)), List.of("owner"));
        // a team is kept with its environments and named in the audit: a claim that is no team name is refused
        JWTClaimsSet oddTeam = new JWTClaimsSet.Builder(claims(now, now.plus(Duration.ofHours(1)), List.of("deployer")))
                .claim("team", "payments:all\n")
                .build();

        for (String token : List.of(
                ISSUER.sign(expired),
                ISSUER.sign(notYet),
                ISSUER.sign(roleless),
                ISSUER.sign(oddTeam),
                JwtIssuer.signedByAStranger(claims(now, now.plus(Duration.ofHours(1)), List.of("admin"))))) {
            var reply = api.as(token).sendOutsideContract("GET", "/environments", null, null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        }
    }

    private static JWTClaimsSet claims(Instant notBefore, Instant expires, List<String> roles) {
        return new JWTClaimsSet.Builder()
                .subject("ana@example.com")
                .claim("team", "payments")
                .claim("roles", roles)
                .issueTime(Date.from(notBefore))
                .notBeforeTime(Date.from(notBefore))
                .expirationTime(Date.from(expires))
                .build();
    }
}
