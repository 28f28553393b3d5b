package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** AWS answering with errors, injected on the HTTP hop between the service and the emulator. */
class AwsFaultsIT extends EndToEndTest {

    private static final String SPEC = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.50.0.0/16", "availabilityZones": 2, "natGateways": "single"}}""";

    @Test
    void throttlingAndServerErrorsAreRetriedAndTheEnvironmentStillBecomesReady() {
        // two SDK attempts per call in tests: four failures outlast the SDK and reach the engine's own retries
        AWS.fail("CreateNatGateway", 4, 503, "RequestLimitExceeded", "Request limit exceeded.");
        AWS.fail("CreateSubnet", 3, 500, "InternalError", "An internal error has occurred.");

        String id = api.create(SPEC.formatted("flaky-aws"));
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");

        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        assertThat(retriesOf(id, "nat-gateway/eu-central-1a"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("RequestLimitExceeded: Request limit exceeded."));
        assertThat(AWS.count("CreateNatGateway"))
                .as("calls that reached the emulator")
                .isEqualTo(1);
        assertThat(Ec2Inventory.ofEnvironment(ec2("eu-central-1"), id).natGateways())
                .hasSize(1);
        assertThat(Ec2Inventory.ofEnvironment(ec2("eu-central-1"), id).subnets())
                .hasSize(4);

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    @Test
    void aTerminalErrorFailsTheEnvironmentWithTheStepAndTheAwsMessageAndTeardownStillCleansUp() {
        AWS.failAlways(
                "CreateNatGateway", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

        String id = api.create(SPEC.formatted("denied-nat"));
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");

        assertThat(env.path("status").asString()).isEqualTo("FAILED");
        assertThat(env.at("/failure/step").asString()).isEqualTo("nat-gateway/eu-central-1a");
        assertThat(env.at("/failure/code").asString()).isEqualTo("UnauthorizedOperation");
        assertThat(env.at("/failure/message").asString())
                .isEqualTo("You are not authorized to perform this operation.");
        List<JsonNode> events = api.events(id);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asString()).isEqualTo("CREATE_FAILED");
            assertThat(e.path("resourceKey").asString()).isEqualTo("nat-gateway/eu-central-1a");
            assertThat(e.path("message").asString()).contains("You are not authorized");
        });
        assertThat(events.getLast().path("type").asString()).isEqualTo("FAILED");

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        assertNothingTagged("eu-central-1", id);
    }

    @Test
    void retryResumesAFailedEnvironmentFromTheFailedStepWithoutRedoingTheRest() {
        AWS.failAlways(
                "CreateNatGateway", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
        String id = api.create(SPEC.formatted("retried"));
        api.await(id, CONVERGE, "FAILED");
        assertThat(AWS.count("CreateVpc")).isEqualTo(1);
        assertThat(api.postJson("/environments/" + id + "/retry", null).status())
                .as("nothing changed yet: the retry fails again at once")
                .isEqualTo(202);
        api.await(id, CONVERGE, "FAILED");

        AWS.clear();
        var retry = api.postJson("/environments/" + id + "/retry", null);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.text("/status")).isEqualTo("PROVISIONING");
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");

        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        assertThat(AWS.count("CreateVpc")).as("the VPC was not made again").isZero();
        assertThat(AWS.count("CreateNatGateway")).isEqualTo(1);
        assertThat(api.events(id))
                .anySatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("RETRY_REQUESTED"));
        Reply notFailed = api.postJson("/environments/" + id + "/retry", null);
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(notFailed.text("/type")).isEqualTo("urn:plinth:problem:not-retryable");

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    @Test
    void teardownThatStaysBlockedEndsDeleteFailedNamingTheResourceAndDeleteAgainFinishesIt() {
        String id = api.create(SPEC.formatted("blocked-teardown"));
        api.await(id, CONVERGE, "READY");
        AWS.failAlways(
                "DeleteSubnet",
                400,
                "DependencyViolation",
                "The subnet 'subnet-x' has dependencies and cannot be deleted.");

        api.delete("/environments/" + id);
        JsonNode env = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");

        assertThat(env.path("status").asString()).isEqualTo("DELETE_FAILED");
        assertThat(env.at("/failure/step").asString()).startsWith("subnet/");
        assertThat(env.at("/failure/code").asString()).isEqualTo("DependencyViolation");
        assertThat(env.at("/failure/message").asString()).contains("has dependencies");
        assertThat(retriesOf(id, "subnet/public/eu-central-1a"))
                .as("the subnet is waited for, not given up at once")
                .isNotEmpty();
        assertThat(Ec2Inventory.ofEnvironment(ec2("eu-central-1"), id).vpcs())
                .as("the VPC waits for its subnets")
                .hasSize(1);

        AWS.clear();
        assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
        api.await(id, CONVERGE, "DELETED");
        assertNothingTagged("eu-central-1", id);
    }

    @Test
    void aTeardownStepCutOffBetweenItsCallsIsFinishedNotTakenForDone() {
        String id = api.create("""
                {"name": "cut-teardown", "region": "eu-central-1",
                 "network": {"cidr": "10.51.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:stable", "desiredCount": 1}}""");
        api.await(id, CONVERGE, "READY");
        // the task definition is deregistered, then deleting it fails past the SDK's attempts: it is INACTIVE
        // and no longer usable, but still there with its tags
        AWS.fail("DeleteTaskDefinitions", 2, 500, "ServerException", "Service unavailable.");

        api.delete("/environments/" + id);
        JsonNode env = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");

        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("DELETED");
        assertThat(retriesOf(id, "task-definition"))
                .anySatisfy(m -> assertThat(m).contains("ServerException"));
        assertThat(AWS.count("DeleteTaskDefinitions"))
                .as("calls that reached the emulator")
                .isEqualTo(1);
        assertNothingTagged("eu-central-1", id);
    }

    private List<String> retriesOf(String id, String step) {
        return api.events(id).stream()
                .filter(e -> e.path("type").asString().equals("RETRY_SCHEDULED"))
                .filter(e -> e.path("resourceKey").asString().equals(step))
                .map(e -> e.path("message").asString())
                .toList();
    }
}
