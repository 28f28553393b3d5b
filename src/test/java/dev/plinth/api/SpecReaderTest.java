package dev.plinth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.presets.PresetCatalog;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import dev.plinth.spec.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class SpecReaderTest {

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final SpecReader reader = new SpecReader(json, new SpecValidator(), new PresetCatalog(json));

    private List<Violation> violationsOf(String body) {
        return catchThrowableOfType(InvalidRequestException.class, () -> reader.read(json.readTree(body)))
                .violations();
    }

    @Test
    void aTypeErrorDoesNotHideTheRulesTheRestBreaks() {
        List<Violation> violations = violationsOf("""
                {"name": "X", "region": "mars-north-1",
                 "network": {"cidr": "10.42.0.0/16", "availabilityZones": "two"}}""");

        assertThat(violations)
                .extracting(
                        Violation::field,
                        Violation::rule,
                        v -> v.value() == null ? null : v.value().asString())
                .containsExactlyInAnyOrder(
                        tuple("network.availabilityZones", "type", "two"),
                        tuple("name", "length", "X"),
                        tuple("name", "dns-label", "X"),
                        tuple("region", "aws-region", "mars-north-1"));
    }

    @Test
    void everyTypeErrorIsNamedOnceWithItsPathAndWhatItContainsIsNotReportedAgain() {
        List<Violation> violations = violationsOf("""
                {"name": "shop", "region": "eu-central-1", "colour": "red", "tags": ["team"], "network": "10.42.0.0/16",
                 "database": {"engine": "oracle"},
                 "service": {"image": "nginx", "port": {"number": 80},
                             "autoscaling": {"max": 2, "schedules": [{"name": "night", "cron": "cron(0 18 * * ? *)", "min": "none", "max": 0}]}}}""");

        assertThat(violations)
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("colour", "unknown-field"),
                        tuple("tags", "type"),
                        tuple("network", "type"),
                        tuple("database.engine", "one-of"),
                        tuple("service.port", "type"),
                        tuple("service.autoscaling.schedules[0].min", "type"));
        assertThat(violations)
                .filteredOn(v -> v.field().equals("service.port"))
                .extracting(Violation::value)
                .as("an object is not repeated")
                .containsOnlyNulls();
        assertThat(violations)
                .filteredOn(v -> v.field().equals("database.engine"))
                .first()
                .extracting(Violation::message)
                .asString()
                .contains("postgres", "mysql", "dynamodb");
    }

    @Test
    void theValuesOfTheContainersEnvironmentAreNeverRepeated() {
        List<Violation> violations = violationsOf("""
                {"name": "shop", "region": "eu-central-1", "network": {"cidr": "10.42.0.0/16", "natGateways": "none"},
                 "service": {"image": "nginx", "environment": {"DB_PASSWORD": "hunter2", "API_KEY": ["s3cret"]}}}""");

        assertThat(violations)
                .extracting(Violation::field, Violation::rule)
                .contains(
                        tuple("service.environment.DB_PASSWORD", "reserved-env"),
                        tuple("service.environment.API_KEY", "type"));
        assertThat(violations)
                .filteredOn(v -> v.field().startsWith("service.environment"))
                .extracting(Violation::value)
                .containsOnlyNulls();
        assertThat(violations.toString()).doesNotContain("hunter2", "s3cret");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsOneTypeError() {
        assertThat(violationsOf("[1, 2]"))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("", "type"));
    }

    @Test
    void aSpecWithoutTypeErrorsIsReadAndLeftToTheValidatorOfItsUse() {
        assertThat(reader.read(json.readTree("{\"name\": \"X\", \"network\": {\"cidr\": \"8.8.8.8/8\"}}"))
                        .name())
                .isEqualTo("X");
    }
}
