package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Calls.ok;
import static dev.plinth.testing.behaviour.Calls.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IamRolePropagationTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/plinth-shop-database-proxy";
    private static final AwsCall CREATE_ROLE = query("iam", "CreateRole", "RoleName=plinth-shop-database-proxy");
    private static final AwsAnswer ROLE_CREATED = ok("<CreateRoleResponse><CreateRoleResult><Role><Arn>" + ROLE
            + "</Arn></Role></CreateRoleResult></CreateRoleResponse>");
    private static final AwsCall CREATE_PROXY = query(
            "rds",
            "CreateDBProxy",
            "DBProxyName=shop&RoleArn=" + ROLE.replace(":", "%3A").replace("/", "%2F"));

    @Test
    void rdsRefusesARoleCreatedAMomentAgo() {
        var behaviour = new IamRolePropagation(Calls.REAL);
        assertThat(behaviour.before(CREATE_PROXY))
                .as("a role it never saw created")
                .isEmpty();

        behaviour.after(CREATE_ROLE, ROLE_CREATED);

        assertThat(behaviour.before(CREATE_PROXY)).get().satisfies(error -> {
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.code()).isEqualTo("InvalidParameterValue");
            assertThat(error.message())
                    .startsWith("IAM role ARN value is invalid or does not include the required permissions");
        });
        assertThat(behaviour.before(query("rds", "CreateDBInstance", "MonitoringRoleArn=" + ROLE)))
                .isPresent();
        assertThat(behaviour.before(query("rds", "CreateDBProxy", "RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fother")))
                .as("another role")
                .isEmpty();
    }

    @Test
    void theRoleIsUsableOnceItHasPropagated() {
        var behaviour = new IamRolePropagation(Calls.SETTLED);
        behaviour.after(CREATE_ROLE, ROLE_CREATED);

        assertThat(behaviour.before(CREATE_PROXY)).isEmpty();
    }

    @Test
    void aRoleThatWasNotCreatedIsNotRemembered() {
        var behaviour = new IamRolePropagation(Calls.REAL);
        behaviour.after(
                CREATE_ROLE,
                new AwsAnswer(409, Map.of(), "<ErrorResponse>EntityAlreadyExists</ErrorResponse>".getBytes()));

        assertThat(behaviour.before(CREATE_PROXY)).isEmpty();
    }
}
