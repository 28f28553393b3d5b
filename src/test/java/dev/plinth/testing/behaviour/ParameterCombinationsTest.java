package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterCombinationsTest {

    private static final String FARGATE_TASK = """
            {"family": "shop-task-definition", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
             "cpu": "256", "memory": "512", "executionRoleArn": "arn:aws:iam::123456789012:role/plinth-shop-task-execution",
             "containerDefinitions": [{"name": "app", "logConfiguration": {"logDriver": "awslogs"}}]}""";

    private final ParameterCombinations behaviour = new ParameterCombinations();

    private static AwsCall ecs(String action, String body) {
        return new AwsCall("ecs", "eu-central-1", action, Protocol.JSON, "POST", "/", null, body);
    }

    private static AwsCall rds(String action, String body) {
        return new AwsCall(
                "rds", "eu-central-1", action, Protocol.QUERY, "POST", "/", null, "Action=" + action + "&" + body);
    }

    @Test
    void aFargateTaskDefinitionAsPlinthRegistersItIsTaken() {
        assertThat(behaviour.before(ecs("RegisterTaskDefinition", FARGATE_TASK)))
                .isEmpty();
    }

    @Test
    void aFargateTaskDefinitionWithoutWhatFargateNeedsIsRefused() {
        assertThat(behaviour.before(ecs("RegisterTaskDefinition", FARGATE_TASK.replace("\"awsvpc\"", "\"bridge\""))))
                .get()
                .extracting(AwsError::message)
                .isEqualTo("Fargate only supports network mode 'awsvpc'.");
        assertThat(behaviour.before(ecs("RegisterTaskDefinition", FARGATE_TASK.replace("\"cpu\": \"256\",", ""))))
                .get()
                .extracting(AwsError::message)
                .isEqualTo("Fargate requires that 'cpu' be defined at the task level.");
        assertThat(behaviour.before(ecs(
                        "RegisterTaskDefinition",
                        FARGATE_TASK.replace(
                                "\"executionRoleArn\": \"arn:aws:iam::123456789012:role/plinth-shop-task-execution\",",
                                ""))))
                .get()
                .extracting(AwsError::code, AwsError::message)
                .containsExactly(
                        "ClientException",
                        "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
    }

    @Test
    void aFargateServiceNeedsANetworkConfiguration() {
        assertThat(behaviour.before(ecs("CreateService", "{\"serviceName\": \"s\", \"launchType\": \"FARGATE\"}")))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("InvalidParameterException");
        assertThat(
                        behaviour.before(
                                ecs(
                                        "CreateService",
                                        "{\"serviceName\": \"s\", \"launchType\": \"FARGATE\","
                                                + " \"networkConfiguration\": {\"awsvpcConfiguration\": {\"subnets\": [\"subnet-a\"]}}}")))
                .isEmpty();
    }

    @Test
    void rdsRefusesItsExclusiveParametersTogether() {
        assertThat(behaviour.before(
                        rds("CreateDBInstance", "ManageMasterUserPassword=true&MasterUserPassword=hunter22")))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("InvalidParameterCombination");
        assertThat(behaviour.before(rds("CreateDBInstance", "MultiAZ=true&AvailabilityZone=eu-central-1a")))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("InvalidParameterCombination");
        assertThat(behaviour.before(rds("CreateDBInstance", "ManageMasterUserPassword=true&MultiAZ=true")))
                .isEmpty();
    }

    @Test
    void aDeleteKeepsAFinalSnapshotOrSaysItSkipsIt() {
        assertThat(behaviour.before(rds("DeleteDBInstance", "DBInstanceIdentifier=db")))
                .get()
                .extracting(AwsError::message)
                .isEqualTo("FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
        assertThat(behaviour.before(rds("DeleteDBInstance", "DBInstanceIdentifier=db&SkipFinalSnapshot=true")))
                .isEmpty();
        assertThat(behaviour.before(rds(
                        "DeleteDBInstance",
                        "DBInstanceIdentifier=db&SkipFinalSnapshot=false"
                                + "&FinalDBSnapshotIdentifier=db-final-1a2b3c4d")))
                .isEmpty();
    }
}
