package dev.plinth.aws.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Readiness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.rds.model.DBInstance;

class DbInstanceReadinessTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "available, READY",
        "creating, PENDING",
        "backing-up, PENDING",
        "modifying, PENDING",
        "configuring-enhanced-monitoring, PENDING",
        "deleting, PENDING",
        "failed, FAILED",
        "incompatible-network, FAILED",
        "incompatible-parameters, FAILED",
        "inaccessible-encryption-credentials, FAILED",
        "restore-error, FAILED",
    })
    void theStatusDecides(String status, String expected) {
        DBInstance instance = DBInstance.builder()
                .dbInstanceIdentifier("db")
                .dbInstanceStatus(status)
                .endpoint(e -> e.address("db.example").port(5432))
                .masterUserSecret(s -> s.secretArn("arn:aws:secretsmanager:eu-central-1:1:secret:rds!db"))
                .build();

        assertThat(kind(DbInstanceHandler.readiness(instance))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"endpoint", "secret"})
    void anAvailableInstanceWithoutItsEndpointOrSecretIsNotReadyYet(String missing) {
        DBInstance.Builder instance =
                DBInstance.builder().dbInstanceIdentifier("db").dbInstanceStatus("available");
        if (!missing.equals("endpoint")) {
            instance.endpoint(e -> e.address("db.example").port(5432));
        }
        if (!missing.equals("secret")) {
            instance.masterUserSecret(s -> s.secretArn("arn"));
        }

        assertThat(kind(DbInstanceHandler.readiness(instance.build()))).isEqualTo("PENDING");
    }

    private static String kind(Readiness readiness) {
        return switch (readiness) {
            case Readiness.Ready r -> "READY";
            case Readiness.Pending p -> "PENDING";
            case Readiness.Failed f -> "FAILED";
        };
    }
}
