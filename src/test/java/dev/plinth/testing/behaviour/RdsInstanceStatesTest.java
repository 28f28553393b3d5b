package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.error;
import static dev.plinth.testing.behaviour.Answers.ok;
import static dev.plinth.testing.behaviour.Answers.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RdsInstanceStatesTest {

    private static final String NS = "xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"";
    private static final String INSTANCE = "<DBInstance><DBInstanceIdentifier>shop-db</DBInstanceIdentifier>"
            + "<DBInstanceStatus>available</DBInstanceStatus><DBSubnetGroup><DBSubnetGroupName>shop-subnets</DBSubnetGroupName>"
            + "</DBSubnetGroup><Endpoint><Address>shop-db.rds</Address><Port>5432</Port></Endpoint>"
            + "</DBInstance>";
    private static final String CREATED = "<CreateDBInstanceResponse " + NS + "><CreateDBInstanceResult>" + INSTANCE
            + "</CreateDBInstanceResult></CreateDBInstanceResponse>";
    private static final String DESCRIBED =
            "<DescribeDBInstancesResponse " + NS + "><DescribeDBInstancesResult><DBInstances>" + INSTANCE
                    + "</DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>";
    private static final String NOT_FOUND = "<ErrorResponse><Error><Code>DBInstanceNotFound</Code>"
            + "<Message>DBInstance shop-db not found.</Message></Error></ErrorResponse>";

    private static final AwsCall CREATE =
            query("rds", "CreateDBInstance", "DBInstanceIdentifier=shop-db&MultiAZ=false");
    private static final AwsCall DESCRIBE = query("rds", "DescribeDBInstances", "DBInstanceIdentifier=shop-db");
    private static final AwsCall MODIFY =
            query("rds", "ModifyDBInstance", "DBInstanceIdentifier=shop-db&ApplyImmediately=true");
    private static final AwsCall DELETE = query(
            "rds",
            "DeleteDBInstance",
            "DBInstanceIdentifier=shop-db&SkipFinalSnapshot=false&FinalDBSnapshotIdentifier=shop-db-final");

    /** Minutes of AWS last minutes here: the states outlast the test. */
    private final RdsInstanceStates aws = new RdsInstanceStates(AwsTime.scaled(1));

    @Test
    void aNewInstanceIsCreatingWithoutAnEndpoint() {
        String created = aws.after(CREATE, ok(CREATED)).text();
        String described = aws.after(DESCRIBE, ok(DESCRIBED)).text();

        assertThat(created).contains("<DBInstanceStatus>creating</DBInstanceStatus>");
        assertThat(described)
                .contains("<DBInstanceStatus>creating</DBInstanceStatus>")
                .doesNotContain("<Endpoint>");
    }

    @Test
    void anInstanceNotAvailableRefusesAModificationAndAFinalSnapshot() {
        aws.after(CREATE, ok(CREATED));

        assertThat(aws.before(MODIFY)).get().extracting(AwsError::code).isEqualTo("InvalidDBInstanceState");
        assertThat(aws.before(DELETE)).get().extracting(AwsError::code).isEqualTo("InvalidDBInstanceState");
        assertThat(aws.before(query("rds", "DeleteDBInstance", "DBInstanceIdentifier=shop-db&SkipFinalSnapshot=true")))
                .as("without a final snapshot it may go")
                .isEmpty();
    }

    @Test
    void aModifiedInstanceIsModifying() {
        aws.after(
                MODIFY,
                ok("<ModifyDBInstanceResponse " + NS + "><ModifyDBInstanceResult>" + INSTANCE
                        + "</ModifyDBInstanceResult></ModifyDBInstanceResponse>"));

        assertThat(aws.after(DESCRIBE, ok(DESCRIBED)).text())
                .contains("<DBInstanceStatus>modifying</DBInstanceStatus>");
    }

    @Test
    void aDeletedInstanceStaysListedAsDeletingWhereTheEmulatorHasForgottenIt() {
        aws.after(DESCRIBE, ok(DESCRIBED));
        aws.after(
                DELETE,
                ok("<DeleteDBInstanceResponse " + NS + "><DeleteDBInstanceResult>" + INSTANCE
                        + "</DeleteDBInstanceResult></DeleteDBInstanceResponse>"));

        AwsAnswer answer = aws.after(DESCRIBE, error(404, NOT_FOUND));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text())
                .contains(
                        "<DBInstanceIdentifier>shop-db</DBInstanceIdentifier>",
                        "<DBInstanceStatus>deleting</DBInstanceStatus>");
        assertThat(aws.after(
                                query("rds", "DescribeDBInstances", "DBInstanceIdentifier=other-db"),
                                error(404, NOT_FOUND))
                        .status())
                .as("one never seen is not found")
                .isEqualTo(404);
        assertThat(aws.before(query("rds", "DeleteDBSubnetGroup", "DBSubnetGroupName=shop-subnets")))
                .as("the deleting instance still uses its subnet group")
                .get()
                .extracting(AwsError::code)
                .isEqualTo("InvalidDBSubnetGroupStateFault");
    }

    @Test
    void onceItsTimeHasPassedTheEmulatorsAnswerStands() {
        var instant = new RdsInstanceStates(AwsTime.scaled(0));
        instant.after(CREATE, ok(CREATED));
        assertThat(instant.after(DESCRIBE, ok(DESCRIBED)).text())
                .contains("<DBInstanceStatus>available</DBInstanceStatus>");
        assertThat(instant.before(MODIFY)).isEmpty();

        instant.after(DELETE, ok(CREATED));
        assertThat(instant.after(DESCRIBE, error(404, NOT_FOUND)).status()).isEqualTo(404);
    }
}
