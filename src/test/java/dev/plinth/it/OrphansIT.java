package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import tools.jackson.databind.JsonNode;

/**
 * Orphans: resources tagged as plinth's whose environment is DELETED or unknown are listed, exactly,
 * and deleted in a few passes; a live environment's resources are neither listed nor deletable, nor
 * are retained ones.
 */
class OrphansIT extends EndToEndTest {

    @Autowired
    private JdbcClient jdbc;

    private static final String REGION = "eu-west-1";
    private static final String NETWORK = """
            {"name": "%s", "region": "eu-west-1",
             "network": {"cidr": "%s", "availabilityZones": 2, "natGateways": "none"}}""";

    @Test
    void listsExactlyTheOrphansAndDeletesThemInPassesButNeverALiveEnvironmentsResource() {
        Ec2Client ec2 = ec2(REGION);
        String live = api.create(NETWORK.formatted("orphans-live", "10.71.0.0/16"));
        String gone = api.create(NETWORK.formatted("orphans-gone", "10.72.0.0/16"));
        api.await(live, CONVERGE, "READY");
        api.await(gone, CONVERGE, "READY");
        api.delete("/environments/" + gone);
        api.await(gone, CONVERGE, "DELETED");
        String liveVpc = api.physicalId(live, "vpc");

        // behind the service's back: a network of an environment it never heard of ...
        String unknown = UUID.randomUUID().toString();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.81.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.81.1.0/24"))
                .subnet()
                .subnetId();
        String group = ec2.createSecurityGroup(
                        r -> r.vpcId(vpc).groupName("orphan-app").description("app"))
                .groupId();
        String gateway = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(gateway).vpcId(vpc));
        String routes = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.associateRouteTable(r -> r.routeTableId(routes).subnetId(subnet));
        tag(ec2, unknown, "vpc", vpc);
        tag(ec2, unknown, "subnet/public/eu-west-1a", subnet);
        tag(ec2, unknown, "security-group/app", group);
        tag(ec2, unknown, "internet-gateway", gateway);
        tag(ec2, unknown, "route-table/public", routes);
        // ... one made again, after its environment was deleted ...
        String leftBehind =
                ec2.createVpc(r -> r.cidrBlock("10.72.0.0/16")).vpc().vpcId();
        tag(ec2, gone, "vpc", leftBehind);
        // ... and one kept on purpose
        String retained = ec2.createVpc(r -> r.cidrBlock("10.82.0.0/16")).vpc().vpcId();
        tag(ec2, unknown, "vpc", retained);
        ec2.createTags(r -> r.resources(retained)
                .tags(Tag.builder().key("plinth:retained").value("true").build()));

        List<JsonNode> listed = orphans();
        List<String> vpcs = vpcsByArn(listed, vpc, unknown, leftBehind, gone);
        assertThat(listed.stream().map(OrphansIT::summary).toList())
                .as("the orphans, in deletion order")
                .containsExactly(
                        "ec2:security-group " + group + " " + unknown + " UNKNOWN",
                        "ec2:subnet " + subnet + " " + unknown + " UNKNOWN",
                        "ec2:route-table " + routes + " " + unknown + " UNKNOWN",
                        "ec2:internet-gateway " + gateway + " " + unknown + " UNKNOWN",
                        // VPCs by ARN
                        vpcs.get(0),
                        vpcs.get(1));
        JsonNode vpcOrphan = listed.stream()
                .filter(o -> o.path("arn").asString().endsWith("/" + vpc))
                .findFirst()
                .orElseThrow();
        assertThat(vpcOrphan.path("arn").asString()).isEqualTo(arnOf(listed, vpc));
        assertThat(vpcOrphan.path("arn").asString())
                .startsWith("arn:aws:ec2:" + REGION + ":")
                .endsWith(":vpc/" + vpc);
        assertThat(vpcOrphan.path("tags").path(Tags.RESOURCE_KEY).asString()).isEqualTo("vpc");
        assertThat(vpcOrphan.path("tags").path(Tags.NAME).asString()).isEqualTo("orphan-vpc");
        assertThat(vpcOrphan.path("tags").has("team"))
                .as("client tags are not shown")
                .isFalse();

        // a live environment's resource is refused, and nothing is deleted
        String liveArn = arnOf(listed, vpc).replace(vpc, liveVpc);
        Reply refused = deleteOrphans(List.of(arnOf(listed, subnet), liveArn));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("/type")).isEqualTo("urn:plinth:problem:not-an-orphan");
        assertThat(refused.text("/violations/0/field")).isEqualTo("arns[1]");
        assertThat(refused.text("/violations/0/rule")).isEqualTo("orphan");
        assertThat(refused.json().path("violations").size()).isEqualTo(1);
        assertThat(ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets())
                .as("the orphan subnet is still there")
                .hasSize(1);

        // the VPC alone is still in use by its subnet: in-use, call again
        Reply early = deleteOrphans(List.of(arnOf(listed, vpc)));
        assertThat(early.status()).as(early.body()).isEqualTo(200);
        assertThat(early.text("/items/0/outcome")).isEqualTo("in-use");
        assertThat(early.text("/items/0/code")).isEqualTo("DependencyViolation");
        assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs()).hasSize(1);

        // a client deletes until the listing is empty
        List<String> outcomes = new ArrayList<>();
        for (int pass = 0; pass < 5 && !listed.isEmpty(); pass++) {
            Reply deleted = deleteOrphans(
                    listed.stream().map(o -> o.path("arn").asString()).toList());
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            assertThat(deleted.json().path("items").size()).isEqualTo(listed.size());
            deleted.json()
                    .path("items")
                    .forEach(item -> outcomes.add(item.path("outcome").asString()));
            listed = orphans();
        }
        assertThat(listed).as("the listing after the passes").isEmpty();
        assertThat(outcomes).as("every answer").doesNotContain("failed").contains("deleted");

        assertThat(ec2.describeVpcs(r -> r.filters(Filter.builder()
                                .name("vpc-id")
                                .values(vpc, leftBehind)
                                .build()))
                        .vpcs())
                .as("the orphaned VPCs")
                .isEmpty();
        assertThat(ec2.describeSubnets(r -> r.filters(Filter.builder()
                                .name("subnet-id")
                                .values(subnet)
                                .build()))
                        .subnets())
                .isEmpty();
        assertThat(ec2.describeSecurityGroups(r -> r.filters(
                                Filter.builder().name("group-id").values(group).build()))
                        .securityGroups())
                .isEmpty();
        assertThat(ec2.describeInternetGateways(r -> r.filters(Filter.builder()
                                .name("internet-gateway-id")
                                .values(gateway)
                                .build()))
                        .internetGateways())
                .isEmpty();
        assertThat(ec2.describeRouteTables(r -> r.filters(Filter.builder()
                                .name("route-table-id")
                                .values(routes)
                                .build()))
                        .routeTables())
                .isEmpty();
        assertThat(ec2.describeVpcs(r -> r.vpcIds(liveVpc, retained)).vpcs())
                .as("the live and the retained VPC")
                .hasSize(2);

        api.delete("/environments/" + live);
        api.await(live, CONVERGE, "DELETED");
    }

    @Test
    void everyKindOfAWholeEnvironmentTheDatabaseForgotIsDeletedInPasses() {
        String id = api.create("""
                {"name": "forgotten", "region": "eu-west-1",
                 "network": {"cidr": "10.73.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "database": {"engine": "postgres", "proxy": true},
                 "fileSystem": {"mountPath": "/data"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 1,
                             "autoscaling": {"min": 1, "max": 2}},
                 "cdn": {}, "alarms": {}}""");
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        // the service's database loses it (a restore from an older backup, say): all of it is now orphaned
        for (String table : List.of("resource", "environment_event", "environment")) {
            jdbc.sql("delete from " + table + " where " + (table.equals("environment") ? "id" : "environment_id")
                            + " = ?")
                    .param(id)
                    .update();
        }

        List<JsonNode> listed = orphans();
        assertThat(listed.stream().map(o -> o.path("resourceType").asString()).collect(Collectors.toSet()))
                .as(listed.toString())
                .contains(
                        "ec2:vpc",
                        "rds:db",
                        "rds:db-proxy",
                        "elasticfilesystem:file-system",
                        "ecs:cluster",
                        "ecs:service",
                        "elasticloadbalancing:loadbalancer",
                        "cloudfront:distribution",
                        "cloudwatch:alarm");
        assertThat(listed)
                .allSatisfy(
                        o -> assertThat(o.path("environmentStatus").asString()).isEqualTo("UNKNOWN"));
        List<String> failures = new ArrayList<>();
        for (int pass = 0; pass < 30 && !listed.isEmpty(); pass++) {
            Reply deleted = deleteOrphans(
                    listed.stream().map(o -> o.path("arn").asString()).toList());
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            deleted.json()
                    .path("items")
                    .valueStream()
                    .filter(i -> i.path("outcome").asString().equals("failed"))
                    .forEach(i -> failures.add(
                            i.path("arn").asString() + ": " + i.path("code").asString() + " "
                                    + i.path("message").asString()));
            Waits.pause(Duration.ofMillis(500));
            listed = orphans();
        }
        assertThat(failures).as("failed deletes").isEmpty();
        assertThat(listed).as("the listing after the passes").isEmpty();
        // the emulator's tagging API lists no Elastic IPs (AWS lists them as ec2:elastic-ip), so the NAT
        // gateway's address is not an orphan the listing can show here: released by hand
        Ec2Client ec2 = ec2(REGION);
        Ec2Inventory.ofEnvironment(ec2, id)
                .addresses()
                .forEach(a -> ec2.releaseAddress(r -> r.allocationId(a.allocationId())));
        assertNothingTagged(REGION, id);
    }

    @Test
    void aRequestWithoutARegionOrArnsIsRefusedNamingTheField() {
        Reply noRegion = api.get("/orphans");
        assertThat(noRegion.status()).as(noRegion.body()).isEqualTo(400);
        assertThat(noRegion.contentType()).startsWith("application/problem+json");
        assertThat(noRegion.text("/violations/0/field")).isEqualTo("region");
        assertThat(noRegion.text("/violations/0/rule")).isEqualTo("required");

        Reply notARegion = api.get("/orphans?region=moon-north-1");
        assertThat(notARegion.status()).isEqualTo(400);
        assertThat(notARegion.text("/violations/0/rule")).isEqualTo("aws-region");

        Reply noArns = api.postJson("/orphans/delete", "{\"region\": \"eu-west-1\"}");
        assertThat(noArns.status()).as(noArns.body()).isEqualTo(400);
        assertThat(noArns.text("/violations/0/field")).isEqualTo("arns");
        assertThat(noArns.text("/violations/0/rule")).isEqualTo("required");

        Reply unknownField =
                api.postJson("/orphans/delete", "{\"region\": \"eu-west-1\", \"arns\": [\"x\"], \"all\": true}");
        assertThat(unknownField.status()).as(unknownField.body()).isEqualTo(400);
        assertThat(unknownField.text("/violations/0/field")).isEqualTo("all");
    }

    private Reply deleteOrphans(List<String> arns) {
        return api.postJson(
                "/orphans/delete",
                "{\"region\": \"" + REGION + "\", \"arns\": ["
                        + arns.stream().map(arn -> "\"" + arn + "\"").collect(Collectors.joining(", ")) + "]}");
    }

    private List<JsonNode> orphans() {
        Reply reply = api.get("/orphans?region=" + REGION);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("items").valueStream().toList();
    }

    private static void tag(Ec2Client ec2, String environmentId, String key, String id) {
        ec2.createTags(r -> r.resources(id)
                .tags(
                        Tag.builder()
                                .key(Tags.MANAGED_BY)
                                .value(Tags.MANAGED_BY_VALUE)
                                .build(),
                        Tag.builder()
                                .key(Tags.ENVIRONMENT_ID)
                                .value(environmentId)
                                .build(),
                        Tag.builder().key(Tags.RESOURCE_KEY).value(key).build(),
                        Tag.builder()
                                .key(Tags.NAME)
                                .value("orphan-" + key.replace('/', '-'))
                                .build(),
                        Tag.builder().key("team").value("payments").build()));
    }

    /** {@code type id environment-id status}, as the listing says. */
    private static String summary(JsonNode orphan) {
        String arn = orphan.path("arn").asString();
        return orphan.path("resourceType").asString() + " " + arn.substring(arn.lastIndexOf('/') + 1) + " "
                + orphan.path("environmentId").asString() + " "
                + orphan.path("environmentStatus").asString();
    }

    private static String arnOf(List<JsonNode> listed, String id) {
        return listed.stream()
                .map(o -> o.path("arn").asString())
                .filter(a -> a.endsWith("/" + id))
                .findFirst()
                .orElseThrow();
    }

    /** The two orphaned VPCs' summaries, in ARN order (the listing's order within a kind). */
    private static List<String> vpcsByArn(
            List<JsonNode> listed, String unknownVpc, String unknown, String deletedVpc, String deleted) {
        Set<String> ids = Set.of(unknownVpc, deletedVpc);
        return ids.stream()
                .sorted((a, b) -> arnOf(listed, a).compareTo(arnOf(listed, b)))
                .map(id -> id.equals(unknownVpc)
                        ? "ec2:vpc " + id + " " + unknown + " UNKNOWN"
                        : "ec2:vpc " + id + " " + deleted + " DELETED")
                .toList();
    }
}
