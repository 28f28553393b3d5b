package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicySimulationTest {

    private static final AwsCall SIMULATE = new AwsCall(
            "iam",
            "us-east-1",
            "SimulatePrincipalPolicy",
            Protocol.QUERY,
            "POST",
            "/",
            null,
            "Action=SimulatePrincipalPolicy&Version=2010-05-08"
                    + "&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fplinth"
                    + "&ActionNames.member.1=rds%3ACreateDBProxy&ActionNames.member.2=rds%3AAddTagsToResource"
                    + "&ResourceArns.member.1=*");
    /** What the emulator answers: it has no policy simulator. */
    private static final AwsAnswer NOT_IMPLEMENTED = new AwsAnswer(500, Map.of(), "not yet implemented".getBytes());

    @Test
    void answersEveryActionAllowedUntilATestDeniesOne() {
        var simulation = new PolicySimulation();

        AwsAnswer clean = simulation.after(SIMULATE, NOT_IMPLEMENTED);
        assertThat(clean.status()).isEqualTo(200);
        assertThat(clean.text())
                .contains(
                        "<EvalActionName>rds:CreateDBProxy</EvalActionName><EvalResourceName>*</EvalResourceName>"
                                + "<EvalDecision>allowed</EvalDecision>",
                        "<EvalActionName>rds:AddTagsToResource</EvalActionName>")
                .doesNotContain("Deny");

        simulation.deny("rds:CreateDBProxy");
        String denied = simulation.after(SIMULATE, NOT_IMPLEMENTED).text();
        assertThat(denied)
                .contains("<EvalActionName>rds:CreateDBProxy</EvalActionName><EvalResourceName>*</EvalResourceName>"
                        + "<EvalDecision>implicitDeny</EvalDecision>");
        assertThat(denied).containsOnlyOnce("implicitDeny");

        simulation.reset();
        assertThat(simulation.after(SIMULATE, NOT_IMPLEMENTED).text()).doesNotContain("implicitDeny");
    }

    @Test
    void leavesEveryOtherCallAlone() {
        var other = new AwsCall(
                "iam", "us-east-1", "GetRole", Protocol.QUERY, "POST", "/", null, "Action=GetRole&RoleName=x");
        AwsAnswer answer = new AwsAnswer(404, Map.of(), "<ErrorResponse/>".getBytes());

        assertThat(new PolicySimulation().after(other, answer)).isSameAs(answer);
    }
}
