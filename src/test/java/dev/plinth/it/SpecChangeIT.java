package dev.plinth.it;

import static dev.plinth.testing.PlinthApi.keysOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Waits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.efs.EfsClient;
import tools.jackson.databind.JsonNode;

/** Changing a live environment's spec: guarded by its ETag, converged in place, refused where it cannot be. */
class SpecChangeIT extends EndToEndTest {

    private static final String SPEC = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.60.0.0/16", "availabilityZones": 2, "natGateways": "single"},
             "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 1}}""";

    private static final String NETWORK_ONLY = """
            {"name": "etag-round-trip", "region": "eu-central-1",
             "network": {"cidr": "10.62.0.0/16", "availabilityZones": 1, "natGateways": "none"}}""";

    @Test
    void aPatchOfTheDesiredCountAndAPutOfTheImageConvergeInPlace() {
        String id = api.create(SPEC.formatted("changing"));
        JsonNode ready = api.await(id, CONVERGE, "READY");
        String cluster = ready.at("/outputs/clusterName").asString();
        String serviceName = ready.at("/outputs/serviceName").asString();
        String firstTaskDefinition = service(cluster, serviceName).taskDefinition();

        Reply patched = api.patch(id, "", "{\"service\": {\"desiredCount\": 3}}", api.etag(id));
        assertThat(patched.status()).as(patched.body()).isEqualTo(202);
        assertThat(patched.text("/status")).isEqualTo("PROVISIONING");
        api.await(id, CONVERGE, "READY");
        assertThat(service(cluster, serviceName).desiredCount()).isEqualTo(3);
        assertThat(service(cluster, serviceName).taskDefinition())
                .as("nothing else changed")
                .isEqualTo(firstTaskDefinition);
        assertThat(api.messagesOf(id, "SPEC_CHANGED"))
                .singleElement()
                .asString()
                .contains("service.desiredCount");

        Reply put = api.send(
                "PUT",
                "/environments/" + id,
                "application/json",
                SPEC.formatted("changing")
                        .replace("nginx:1.27", "nginx:1.28")
                        .replace("\"desiredCount\": 1", "\"desiredCount\": 3"),
                "If-Match",
                api.etag(id));
        assertThat(put.status()).as(put.body()).isEqualTo(202);
        api.await(id, CONVERGE, "READY");
        Service after = service(cluster, serviceName);
        assertThat(after.taskDefinition()).as("a new revision").isNotEqualTo(firstTaskDefinition);
        try (EcsClient ecs = emulated(EcsClient.builder(), "eu-central-1")) {
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(after.taskDefinition()))
                            .taskDefinition()
                            .containerDefinitions()
                            .getFirst()
                            .image())
                    .isEqualTo("public.ecr.aws/nginx/nginx:1.28");
        }
        assertThat(after.desiredCount()).isEqualTo(3);

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        assertNothingTagged("eu-central-1", id);
    }

    /**
     * POST, plan and PATCH answer the spec's revision ({@code "3"}); GET answers its view's tag, which names
     * the same revision ({@code "3.<digest>"}): either is a current If-Match while the spec is the same, and
     * GET's is a validator of the view, which changes with the status.
     */
    @Test
    void theEtagNamesTheSpecForChangesAndTheViewForPolling() {
        AWS.slowEveryCall(Duration.ofMillis(50)); // so that GET sees it provisioning
        Reply created = api.postJson("/environments", NETWORK_ONLY);
        String posted = created.headers().firstValue("ETag").orElseThrow();
        String id = created.text("/id");
        Map<String, String> viewTags = new HashMap<>();
        Waits.until(
                CONVERGE,
                () -> api.get("/environments/" + id),
                got -> {
                    String tag = got.headers().firstValue("ETag").orElseThrow();
                    assertThat(tag).as("while %s", got.text("/status")).startsWith(revisionOf(posted));
                    viewTags.put(got.text("/status"), tag);
                    return "READY".equals(got.text("/status"));
                },
                "environment " + id + " to be READY");
        assertThat(viewTags).as("seen while the status moved").containsKeys("PROVISIONING", "READY");
        assertThat(viewTags.get("PROVISIONING"))
                .as("the view changed, so did its tag")
                .isNotEqualTo(viewTags.get("READY"));
        AWS.slowEveryCall(Duration.ZERO);
        String ready = api.etag(id);
        Reply unchanged = api.send("GET", "/environments/" + id, null, null, "If-None-Match", ready);
        assertThat(unchanged.status()).as("nothing changed since it was read").isEqualTo(304);
        assertThat(unchanged.headers().firstValue("ETag")).contains(ready);
        assertThat(unchanged.body()).isEmpty();
        assertThat(api.send("GET", "/environments/" + id, null, null, "If-None-Match", viewTags.get("PROVISIONING"))
                        .status())
                .as("read while it was provisioning")
                .isEqualTo(200);

        String patch = "{\"tags\": {\"team\": \"payments\"}}";
        assertThat(api.plan(id, "", patch).headers().firstValue("ETag")).contains(posted);
        Reply patched = api.patch(id, "", patch, ready);
        assertThat(patched.status())
                .as("the view's tag as If-Match: %s", patched.body())
                .isEqualTo(202);
        String changed = patched.headers().firstValue("ETag").orElseThrow();
        assertThat(changed).as("a change of the spec is a new ETag").isNotEqualTo(posted);
        assertThat(api.etag(id)).startsWith(revisionOf(changed));
        api.await(id, CONVERGE, "READY");
        assertThat(api.etag(id)).startsWith(revisionOf(changed));

        Reply stale = api.patch(id, "", "{\"tags\": {\"team\": \"billing\"}}", posted);
        assertThat(stale.status())
                .as("the ETag read before the change is stale")
                .isEqualTo(412);
        assertThat(stale.text("/currentEtag")).isEqualTo(changed);
        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    /** {@code "3"} as the start of a view's tag, {@code "3.}. */
    private static String revisionOf(String specEtag) {
        return specEtag.substring(0, specEtag.length() - 1) + ".";
    }

    @Test
    void aChangeNeedsTheCurrentEtagOneChangeAtATimeAndNothingThatReplaces() {
        AWS.slowEveryCall(Duration.ofMillis(50)); // so that it is still provisioning when first changed
        String id = api.create(
                SPEC.formatted("guarded").replace("\"desiredCount\": 1}", "\"desiredCount\": 1}, \"alarms\": {}"));
        String first = api.etag(id);

        Reply busy = api.patch(id, "", "{\"service\": {\"desiredCount\": 2}}", first);
        assertThat(busy.status()).as("while provisioning: %s", busy.body()).isEqualTo(409);
        assertThat(busy.text("/type")).isEqualTo("urn:plinth:problem:change-in-progress");
        AWS.slowEveryCall(Duration.ZERO);
        api.await(id, CONVERGE, "READY");

        Reply without = api.patch(id, "", "{\"service\": {\"desiredCount\": 2}}", null);
        assertThat(without.status()).isEqualTo(428);
        assertThat(api.etag(id)).startsWith(revisionOf(without.text("/currentEtag")));

        Reply replacing = api.patch(
                id,
                "",
                "{\"network\": {\"cidr\": \"10.61.0.0/16\"}, \"database\": {\"engine\": \"dynamodb\"}}",
                api.etag(id));
        assertThat(replacing.status()).isEqualTo(400);
        assertThat(replacing
                        .json()
                        .path("violations")
                        .valueStream()
                        .map(v -> v.path("field").asString() + ":"
                                + v.path("rule").asString())
                        .toList())
                .contains("network.cidr:replacement-required");

        Reply invalid = api.patch(id, "", "{\"service\": {\"desiredCount\": -1}}", api.etag(id));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().at("/violations/0/field").asString()).startsWith("service.");

        assertThat(api.get("/environments/" + id).text("/status"))
                .as("nothing refused changed anything")
                .isEqualTo("READY");
        assertThat(api.messagesOf(id, "SPEC_CHANGED")).isEmpty();
        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    @Test
    void turningSectionsOffDeletesTheirResourcesAfterWhatUsedThemMovedOffAsThePlanSaid() {
        String id = api.create(SPEC.formatted("shrinking")
                .replace(
                        "\"desiredCount\": 1}",
                        "\"desiredCount\": 1}, \"fileSystem\": {\"mountPath\": \"/data\"}, \"alarms\": {}"));
        JsonNode ready = api.await(id, CONVERGE, "READY");
        String fileSystemId = ready.at("/outputs/fileSystemId").asString();
        String patch = "{\"fileSystem\": {\"enabled\": false}, \"alarms\": {\"enabled\": false}}";
        JsonNode plan = api.plan(id, "", patch).json();
        assertThat(plan.path("refused").size()).as(plan.toString()).isZero();
        Set<String> toDelete = keysOf(plan.path("delete"));
        assertThat(toDelete)
                .contains("file-system", "file-system/access-point", "role/task-policy")
                .anyMatch(k -> k.startsWith("alarm/"));

        Reply removing = api.patch(id, "", patch, api.etag(id));
        assertThat(removing.status()).as(removing.body()).isEqualTo(202);
        JsonNode after = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(after.path("status").asString()).as(after.toString()).isEqualTo("READY");

        List<JsonNode> since = api.eventsSinceLast(id, "SPEC_CHANGED");
        assertThat(keysOf(since, "DELETE_FINISHED")).as("what apply deleted").isEqualTo(toDelete);
        int firstDelete =
                since.stream().map(e -> e.path("type").asString()).toList().indexOf("DELETE_STARTED");
        assertThat(since.subList(0, firstDelete).stream()
                        .filter(e -> e.path("type").asString().equals("UPDATE_STARTED"))
                        .map(e -> e.path("resourceKey").asString()))
                .as("the service moved off the file system before it was deleted")
                .contains("task-definition", "service");
        try (EfsClient efs = emulated(EfsClient.builder(), "eu-central-1");
                CloudWatchClient cloudWatch = emulated(CloudWatchClient.builder(), "eu-central-1");
                EcsClient ecs = emulated(EcsClient.builder(), "eu-central-1")) {
            assertThat(efs.describeFileSystems().fileSystems())
                    .noneMatch(fs -> fs.fileSystemId().equals(fileSystemId));
            assertThat(cloudWatch
                            .describeAlarms(r -> r.alarmNamePrefix("shrinking"))
                            .metricAlarms())
                    .isEmpty();
            Service service = service(
                    after.at("/outputs/clusterName").asString(),
                    after.at("/outputs/serviceName").asString());
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()))
                            .taskDefinition()
                            .volumes())
                    .isEmpty();
        }
        assertThat(api.get("/environments/" + id + "/resources")
                        .json()
                        .path("items")
                        .valueStream()
                        .map(r -> r.path("key").asString()))
                .doesNotContainAnyElementsOf(toDelete);

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        assertNothingTagged("eu-central-1", id);
    }

    @Test
    void aReplacementAcceptedWithReplaceRebuildsWhatTheChangeTouchesAsThePlanSaid() {
        String id = api.create("""
                {"name": "moving", "region": "eu-central-1",
                 "network": {"cidr": "10.73.0.0/16", "availabilityZones": 2, "natGateways": "none"}}""");
        String oldVpc = api.await(id, CONVERGE, "READY").at("/outputs/vpcId").asString();
        String patch = "{\"network\": {\"cidr\": \"10.74.0.0/16\"}}";

        Reply refused = api.patch(id, "", patch, api.etag(id));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/violations/0/message").asString()).contains("?replace=network.cidr");
        Reply notReplaceable = api.patch(id, "?replace=name", "{\"name\": \"moved\"}", api.etag(id));
        assertThat(notReplaceable.status()).isEqualTo(400);
        assertThat(notReplaceable
                        .json()
                        .path("violations")
                        .valueStream()
                        .map(v -> v.path("field").asString() + ":"
                                + v.path("rule").asString())
                        .toList())
                .contains("replace:one-of", "name:replacement-required");

        JsonNode plan = api.plan(id, "?replace=network.cidr", patch).json();
        assertThat(plan.path("refused").size()).as(plan.toString()).isZero();
        Set<String> toReplace = keysOf(plan.path("replace"));
        assertThat(toReplace).contains("vpc", "subnet/public/eu-central-1a", "security-group/app");
        assertThat(plan.path("update").size()).isZero();

        Reply accepted = api.patch(id, "?replace=network.cidr", patch, api.etag(id));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode after = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(after.path("status").asString()).as(after.toString()).isEqualTo("READY");

        List<JsonNode> since = api.eventsSinceLast(id, "SPEC_CHANGED");
        assertThat(keysOf(since, "DELETE_FINISHED")).as("deleted").isEqualTo(toReplace);
        assertThat(keysOf(since, "CREATE_STARTED")).as("created anew").isEqualTo(toReplace);
        String newVpc = after.at("/outputs/vpcId").asString();
        assertThat(newVpc).isNotEqualTo(oldVpc);
        assertThat(ec2("eu-central-1")
                        .describeVpcs(r -> r.filters(Filter.builder()
                                .name("tag:" + Tags.ENVIRONMENT_ID)
                                .values(id)
                                .build()))
                        .vpcs())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.vpcId()).isEqualTo(newVpc);
                    assertThat(v.cidrBlock()).isEqualTo("10.74.0.0/16");
                });
        assertThat(ec2("eu-central-1")
                        .describeSubnets(r -> r.filters(
                                Filter.builder().name("vpc-id").values(newVpc).build()))
                        .subnets())
                .hasSize(4)
                .allSatisfy(subnet -> assertThat(subnet.cidrBlock()).startsWith("10.74."));

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        assertNothingTagged("eu-central-1", id);
    }

    private static Service service(String cluster, String name) {
        try (EcsClient ecs = emulated(EcsClient.builder(), "eu-central-1")) {
            return ecs.describeServices(r -> r.cluster(cluster).services(name))
                    .services()
                    .getFirst();
        }
    }
}
