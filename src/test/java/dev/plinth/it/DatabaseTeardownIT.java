package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.EndToEndTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import tools.jackson.databind.JsonNode;

/**
 * What teardown does with the database ({@code database.onDelete}): a final snapshot by default,
 * nothing with {@code delete}, and the record stays readable after DELETED. Against the emulator over HTTP.
 */
class DatabaseTeardownIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";

    private final RdsClient rds = emulated(RdsClient.builder(), REGION);

    @Test
    void byDefaultTeardownLeavesAFinalSnapshotNamedInTheOutputsAndEvents() {
        String id = api.create(spec("td-snap", "10.70.0.0/16", ""));
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        assertThat(ready.at("/spec/database/onDelete").asString())
                .as("the default, shown")
                .isEqualTo("snapshot");
        assertThat(ready.at("/outputs/databaseFinalSnapshot").isMissingNode())
                .as("no snapshot before teardown")
                .isTrue();
        DBInstance instance = dbInstanceOf(REGION, id).orElseThrow();

        JsonNode gone = tearDown(id);

        String snapshot = "td-snap-database-instance-final-" + id.substring(0, 8);
        assertThat(gone.at("/outputs/databaseFinalSnapshot").asString())
                .as(gone.toString())
                .isEqualTo(snapshot);
        assertThat(dbInstanceOf(REGION, id)).isEmpty();
        DBSnapshot found = rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshot))
                .dbSnapshots()
                .getFirst();
        assertThat(found.dbInstanceIdentifier()).isEqualTo(instance.dbInstanceIdentifier());
        assertThat(found.engine()).isEqualTo("postgres");
        assertThat(found.snapshotType()).isEqualTo("manual");
        assertThat(rdsTag(found.tagList(), Tags.ENVIRONMENT_ID))
                .as("tags copied from the instance")
                .isEqualTo(id);
        assertThat(rdsTag(found.tagList(), Tags.MANAGED_BY)).isEqualTo("plinth");

        List<JsonNode> instanceEvents = api.events(id).stream()
                .filter(e -> "database/instance".equals(e.path("resourceKey").asString()))
                .toList();
        assertThat(instanceEvents)
                .filteredOn(e -> e.path("type").asString().equals("DELETE_STARTED"))
                .singleElement()
                .satisfies(e -> assertThat(e.path("message").asString()).contains(snapshot));
        assertThat(instanceEvents)
                .filteredOn(e -> e.path("type").asString().equals("DELETE_FINISHED"))
                .singleElement()
                .satisfies(e -> assertThat(e.path("message").asString()).contains(snapshot));
        assertNothingTagged(REGION, id);
    }

    @Test
    void aNewEnvironmentStartsFromTheFinalSnapshotOfAnother() {
        String first = api.create(spec("td-old", "10.74.0.0/16", ""));
        JsonNode old = api.await(first, CONVERGE, "READY", "FAILED");
        assertThat(old.path("status").asString()).isEqualTo("READY");
        String oldSecret = old.at("/outputs/databaseSecretArn").asString();
        String snapshot = tearDown(first).at("/outputs/databaseFinalSnapshot").asString();
        assertThat(snapshot).isNotBlank();

        String id = api.create(spec("td-new", "10.75.0.0/16", ",\"restoreFromSnapshot\":\"" + snapshot + "\""));
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        assertThat(ready.at("/spec/database/restoreFromSnapshot").asString()).isEqualTo(snapshot);

        DBInstance instance =
                dbInstanceOf(REGION, id).orElseThrow(() -> new AssertionError("no DB instance tagged " + id));
        assertThat(instance.dbInstanceIdentifier()).isEqualTo("td-new-database-instance");
        assertThat(instance.engine()).isEqualTo("postgres");
        assertThat(instance.masterUserSecret())
                .as("the RDS-managed master password")
                .isNotNull();
        assertThat(instance.masterUserSecret().secretArn())
                .isEqualTo(ready.at("/outputs/databaseSecretArn").asString());
        assertThat(instance.backupRetentionPeriod()).isEqualTo(7);
        assertThat(instance.vpcSecurityGroups())
                .extracting(g -> g.vpcSecurityGroupId())
                .containsExactly(ready.at("/outputs/securityGroupIds/database").asString());
        assertThat(rdsTag(instance.tagList(), Tags.MANAGED_BY)).isEqualTo("plinth");
        // NOTE: the emulator's restore copies the snapshotted instance's settings, the managed password among them,
        // so no ModifyDBInstance is needed here; on AWS the observation after the restore asks for it
        assertThat(instance.masterUserSecret().secretArn())
                .as("its own secret, not the deleted instance's")
                .isNotEqualTo(oldSecret);
    }

    @Test
    void aSnapshotThatIsNotThereOrOfAnotherEngineIsRefusedAndNothingIsCreated() {
        var missing = api.postJson(
                "/environments", spec("td-none", "10.76.0.0/16", ",\"restoreFromSnapshot\":\"no-such-snapshot\""));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().at("/violations/0/field").asString()).isEqualTo("database.restoreFromSnapshot");
        assertThat(missing.json().at("/violations/0/rule").asString()).isEqualTo("snapshot-not-found");

        String first = api.create(spec("td-pg", "10.77.0.0/16", ""));
        assertThat(api.await(first, CONVERGE, "READY", "FAILED").path("status").asString())
                .isEqualTo("READY");
        String snapshot = tearDown(first).at("/outputs/databaseFinalSnapshot").asString();
        var otherEngine = api.postJson(
                "/environments",
                spec("td-mysql", "10.78.0.0/16", ",\"restoreFromSnapshot\":\"" + snapshot + "\"")
                        .replace("postgres", "mysql"));
        assertThat(otherEngine.status()).as(otherEngine.body()).isEqualTo(400);
        assertThat(otherEngine.json().at("/violations/0/field").asString()).isEqualTo("database.restoreFromSnapshot");
        assertThat(otherEngine.json().at("/violations/0/rule").asString()).isEqualTo("snapshot-engine");

        assertThat(rds.describeDBInstances().dbInstances()).isEmpty();
        assertThat(ec2(REGION)
                        .describeVpcs(r -> r.filters(f -> f.name("tag-key").values(Tags.ENVIRONMENT_ID)))
                        .vpcs())
                .isEmpty();
        assertThat(api.get("/environments?name=td-none").json().path("items").isEmpty())
                .isTrue();
    }

    @Test
    void deleteLeavesNoSnapshot() {
        String id = api.create(spec("td-delete", "10.71.0.0/16", ",\"onDelete\":\"delete\""));
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        assertThat(ready.at("/spec/database/onDelete").asString()).isEqualTo("delete");

        JsonNode gone = tearDown(id);

        assertThat(gone.at("/outputs/databaseFinalSnapshot").isMissingNode())
                .as(gone.toString())
                .isTrue();
        assertThat(dbInstanceOf(REGION, id)).isEmpty();
        assertThat(rds.describeDBSnapshots().dbSnapshots()).isEmpty();
        assertThat(api.events(id)).noneMatch(e -> e.path("message").asString().contains("snapshot"));
        assertNothingTagged(REGION, id);
    }

    @Test
    void retainKeepsTheInstanceAndWhatItStandsOnTaggedAndDeletesTheRest() {
        String id = api.create(spec("td-keep", "10.73.0.0/16", ",\"onDelete\":\"retain\""));
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        JsonNode outputs = ready.path("outputs");
        String vpc = outputs.path("vpcId").asString();
        List<String> privateSubnets = outputs.path("privateSubnetIds")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        List<String> publicSubnets = outputs.path("publicSubnetIds")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        String databaseGroup = outputs.at("/securityGroupIds/database").asString();
        String appGroup = outputs.at("/securityGroupIds/app").asString();
        String igw = outputs.path("internetGatewayId").asString();

        JsonNode gone = tearDown(id);

        DBInstance instance =
                dbInstanceOf(REGION, id).orElseThrow(() -> new AssertionError("the retained instance is gone"));
        assertThat(instance.dbInstanceStatus()).isEqualTo("available");
        assertThat(rdsTag(instance.tagList(), Tags.RETAINED)).isEqualTo("true");
        var group = rds.describeDBSubnetGroups(
                        r -> r.dbSubnetGroupName(instance.dbSubnetGroup().dbSubnetGroupName()))
                .dbSubnetGroups()
                .getFirst();
        assertThat(rds.listTagsForResource(r -> r.resourceName(group.dbSubnetGroupArn()))
                        .tagList())
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.RETAINED + "=true"));
        var ec2 = ec2(REGION);
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().getFirst().tags())
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.RETAINED + "=true"));
        assertThat(ec2.describeSubnets(r -> r.subnetIds(privateSubnets)).subnets())
                .hasSize(2)
                .allSatisfy(subnet -> assertThat(subnet.tags())
                        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.RETAINED + "=true")));
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(databaseGroup))
                        .securityGroups()
                        .getFirst()
                        .tags())
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(Tags.RETAINED + "=true"));

        // everything else is gone
        assertThat(ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc)))
                        .subnets())
                .extracting(s -> s.subnetId())
                .containsExactlyInAnyOrderElementsOf(privateSubnets)
                .doesNotContainAnyElementsOf(publicSubnets);
        assertThat(ec2.describeSecurityGroups(
                                r -> r.filters(f -> f.name("vpc-id").values(vpc)))
                        .securityGroups())
                .extracting(g -> g.groupId())
                .contains(databaseGroup)
                .doesNotContain(appGroup);
        assertThat(ec2.describeInternetGateways().internetGateways())
                .extracting(g -> g.internetGatewayId())
                .doesNotContain(igw);
        assertThat(rds.describeDBSnapshots(r -> r.snapshotType("manual")).dbSnapshots())
                .as("retained, not snapshotted")
                .isEmpty();

        List<JsonNode> resources = api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .toList();
        assertThat(resources)
                .filteredOn(r -> r.path("state").asString().equals("RETAINED"))
                .extracting(r -> r.path("key").asString())
                .containsExactlyInAnyOrder(
                        "database/instance",
                        "database/subnet-group",
                        "vpc",
                        "subnet/private/eu-central-1a",
                        "subnet/private/eu-central-1b",
                        "security-group/database");
        assertThat(resources)
                .filteredOn(r -> !r.path("state").asString().equals("RETAINED"))
                .allSatisfy(r ->
                        assertThat(r.path("state").asString()).as(r.toString()).isIn("DELETED", "PLANNED"));
        assertThat(gone.path("outputs").path("databaseEndpoint").asString())
                .isEqualTo(instance.endpoint().address());
        assertThat(gone.path("outputs").has("databaseFinalSnapshot")).isFalse();
        assertThat(api.events(id))
                .filteredOn(e -> e.path("type").asString().equals("RETAINED"))
                .hasSize(6)
                .allSatisfy(e -> assertThat(e.path("message").asString()).contains(Tags.RETAINED + "=true"));
    }

    @Test
    void dynamodbTakesOnlyDelete() {
        var refused = api.postJson("/environments", """
                {"name":"td-table","region":"eu-central-1",
                 "network":{"cidr":"10.72.0.0/16","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"dynamodb","onDelete":"retain"}}""");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/violations/0/field").asString()).isEqualTo("database.onDelete");
        assertThat(refused.json().at("/violations/0/rule").asString()).isEqualTo("not-applicable");
    }

    /** A small RDS environment: two zones, no NAT gateway, no proxy; {@code extra} goes into the database section. */
    private static String spec(String name, String cidr, String extra) {
        return """
                {"name":"%s","region":"eu-central-1",
                 "network":{"cidr":"%s","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"postgres","proxy":false%s}}""".formatted(name, cidr, extra);
    }

    private JsonNode tearDown(String id) {
        assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
        JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
        JsonNode read = api.get("/environments/" + id).json();
        assertThat(read.path("status").asString()).as("still readable").isEqualTo("DELETED");
        return read;
    }
}
