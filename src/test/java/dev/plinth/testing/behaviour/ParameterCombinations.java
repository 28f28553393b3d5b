package dev.plinth.testing.behaviour;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Parameters AWS requires together, or refuses together, in the calls plinth makes, where the emulator
 * takes any combination:
 * <ul>
 * <li>ECS RegisterTaskDefinition (API reference, and "Amazon ECS task definition differences for
 * Fargate"): a Fargate task definition has the awsvpc network mode, cpu and memory at task level, and
 * an execution role when a container logs with awslogs (ClientException);</li>
 * <li>ECS CreateService: a Fargate service has a network configuration (InvalidParameterException);</li>
 * <li>RDS CreateDBInstance: ManageMasterUserPassword excludes MasterUserPassword, and a Multi-AZ
 * instance takes no AvailabilityZone; DeleteDBInstance needs FinalDBSnapshotIdentifier unless
 * SkipFinalSnapshot (InvalidParameterCombination).</li>
 * </ul>
 */
final class ParameterCombinations implements Behaviour {

    @Override
    public String name() {
        return "aws-parameter-combinations";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (call.is("ecs", "RegisterTaskDefinition")) {
            return fargateTaskDefinition(call.json());
        }
        if (call.is("ecs", "CreateService")) {
            JsonNode service = call.json();
            return service.path("launchType").asString("").equals("FARGATE")
                            && service.path("networkConfiguration").isMissingNode()
                    ? invalid(
                            "InvalidParameterException",
                            "Network Configuration must be provided when networkMode 'awsvpc' is specified.")
                    : Optional.empty();
        }
        if (call.is("rds", "CreateDBInstance")) {
            if ("true".equals(call.param("ManageMasterUserPassword")) && call.param("MasterUserPassword") != null) {
                return invalid(
                        "InvalidParameterCombination",
                        "You can't specify MasterUserPassword when ManageMasterUserPassword is turned on.");
            }
            if ("true".equals(call.param("MultiAZ")) && call.param("AvailabilityZone") != null) {
                return invalid(
                        "InvalidParameterCombination",
                        "Requesting a specific availability zone is not valid for Multi-AZ instances.");
            }
        }
        if (call.is("rds", "DeleteDBInstance")
                && !"true".equals(call.param("SkipFinalSnapshot"))
                && call.param("FinalDBSnapshotIdentifier") == null) {
            return invalid(
                    "InvalidParameterCombination",
                    "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
        }
        return Optional.empty();
    }

    private static Optional<AwsError> fargateTaskDefinition(JsonNode definition) {
        boolean fargate = definition
                .path("requiresCompatibilities")
                .valueStream()
                .anyMatch(c -> c.asString().equals("FARGATE"));
        if (!fargate) {
            return Optional.empty();
        }
        if (!definition.path("networkMode").asString("").equals("awsvpc")) {
            return invalid("ClientException", "Fargate only supports network mode 'awsvpc'.");
        }
        for (String level : new String[] {"cpu", "memory"}) {
            if (definition.path(level).isMissingNode()) {
                return invalid(
                        "ClientException", "Fargate requires that '" + level + "' be defined at the task level.");
            }
        }
        boolean awslogs = definition
                .path("containerDefinitions")
                .valueStream()
                .anyMatch(c -> c.path("logConfiguration")
                        .path("logDriver")
                        .asString("")
                        .equals("awslogs"));
        if (awslogs && definition.path("executionRoleArn").isMissingNode()) {
            return invalid(
                    "ClientException",
                    "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
        }
        return Optional.empty();
    }

    private static Optional<AwsError> invalid(String code, String message) {
        return Optional.of(AwsError.client(code, message));
    }
}
