package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.JwtIssuer;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * No credential anywhere it should not be: the suite's flows are run with every kind of credential, then
 * the service's log (at debug for plinth and Spring Security), every row of every table of its database
 * and every answer it gave are searched for each of them. Only a token's hash may be kept. The JWTs are of
 * an issuer with an audience: one for another audience is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoCredentialLeaksIT extends EndToEndTest {

    private static final JwtIssuer ISSUER = JwtIssuer.start();
    private static final String REGION = "eu-central-1";

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> ISSUER.jwkSetUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "plinth");
        registry.add("logging.level.dev.plinth", () -> "DEBUG");
        registry.add("logging.level.org.springframework.security", () -> "DEBUG");
    }

    @Autowired
    private JdbcClient jdbc;

    @Test
    void noTokenJwtOrPasswordIsInTheLogTheDatabaseOrAnyAnswer(CapturedOutput log) {
        List<Reply> answers = new ArrayList<>();
        String jwt = jwt("plinth", "ana@example.com");
        String foreignAudience = jwt("another-service", "ana@example.com");
        PlinthApi ana = api.as(jwt);
        Reply refused = api.as(foreignAudience).sendOutsideContract("GET", "/environments", null, null);
        assertThat(refused.status()).as("a token for another audience").isEqualTo(401);

        Reply minted = ana.postJson("/tokens", "{\"name\": \"leak-check\", \"role\": \"deployer\"}");
        String apiToken = minted.text("/token");
        PlinthApi script = api.as(apiToken);
        Reply created = script.postJson("/environments", """
                {"name": "leak-check", "region": "eu-central-1",
                 "network": {"cidr": "10.92.0.0/16", "availabilityZones": 2, "natGateways": "none"},
                 "database": {"engine": "postgres", "instanceClass": "db.t4g.micro"}}""");
        answers.add(created);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.text("/id");
        ana.await(id, CONVERGE.multipliedBy(3), "READY");
        answers.add(ana.get("/environments/" + id));
        String password = masterPassword(id);
        answers.add(ana.get("/environments/" + id + "/events"));
        answers.add(ana.get("/environments/" + id + "/resources"));
        answers.add(api.get("/tokens"));
        answers.add(api.get("/audit"));
        for (String bad : List.of("plinth_" + "0".repeat(46), apiToken + "x", jwt.substring(0, jwt.length() - 2))) {
            answers.add(api.as(bad).sendOutsideContract("DELETE", "/environments/" + id, null, null));
        }
        answers.add(script.delete("/environments/" + id));
        ana.await(id, CONVERGE.multipliedBy(3), "DELETED");
        answers.add(api.as(null).sendOutsideContract("GET", "/environments", null, null));

        List<String> credentials = List.of(
                PlinthApi.ADMIN_TOKEN,
                apiToken,
                apiToken.substring("plinth_".length()),
                jwt,
                signature(jwt),
                foreignAudience,
                password);
        String database = everyRow();
        // the mint's own answer aside: the token is shown there, once
        String said = String.join("\n", answers.stream().map(Reply::body).toList());
        for (String credential : credentials) {
            assertThat(log.getAll()).as("the log").doesNotContain(credential);
            assertThat(database).as("the database").doesNotContain(credential);
            assertThat(said).as("the answers").doesNotContain(credential);
        }
        assertThat(database).as("what it keeps of the token").contains(TokenHash.of(apiToken));
        assertThat(log.getAll()).as("the log was captured at debug").contains("leak-check");
    }

    private static String jwt(String audience, String subject) {
        Instant now = Instant.now();
        return ISSUER.sign(new JWTClaimsSet.Builder()
                .subject(subject)
                .audience(audience)
                .claim("team", "payments")
                .claim("roles", List.of("deployer"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build());
    }

    private static String signature(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    /** The password RDS keeps in Secrets Manager for the environment's database: plinth never reads it. */
    private static String masterPassword(String environmentId) {
        String secretArn = dbInstanceOf(REGION, environmentId)
                .orElseThrow()
                .masterUserSecret()
                .secretArn();
        try (SecretsManagerClient secrets = emulated(SecretsManagerClient.builder(), REGION)) {
            String value = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
            assertThat(value).isNotBlank();
            return value;
        }
    }

    /** Every value of every row of every table of the service's database, as text. */
    private String everyRow() {
        StringBuilder all = new StringBuilder();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class)
                .list();
        assertThat(tables).contains("api_token", "audit_entry", "environment", "environment_event");
        for (String table : tables) {
            jdbc.sql("select * from " + table).query((ResultSet rs) -> {
                ResultSetMetaData columns = rs.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    all.append(rs.getString(i)).append('\n');
                }
            });
        }
        return all.toString();
    }
}
