package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Waits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import tools.jackson.databind.JsonNode;

/**
 * The spec's tags on what AWS has: a change of them is planned per resource and applied key by key,
 * read back with the SDK; a tag changed or removed behind the service's back is reported as drift and
 * put back by a reconcile. A service of its own (its own database) with a short check interval.
 */
class TagsIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final String TAGS_BEFORE = "{\"team\": \"payments\", \"cost-center\": \"42\"}";
    /** Changes team, removes cost-center, adds owner. */
    private static final String PATCH =
            "{\"tags\": {\"team\": \"checkout\", \"cost-center\": null, \"owner\": \"ops\"}}";
    /**
     * The kinds plinth makes that take no tags of their own, and the scalable target, whose tags the
     * emulator cannot list: a tag change plans nothing for them.
     */
    private static final Set<String> UNTAGGED = Set.of(
            "AWS::EC2::VPCGatewayAttachment",
            "AWS::EC2::Route",
            "AWS::EC2::SubnetRouteTableAssociation",
            "AWS::EFS::MountTarget",
            "AWS::RDS::DBProxyTargetGroup",
            "AWS::IAM::RolePolicy",
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            "AWS::ApplicationAutoScaling::ScheduledAction",
            "AWS::S3::BucketPolicy",
            "AWS::CloudFront::OriginAccessControl",
            "AWS::ApplicationAutoScaling::ScalableTarget");

    private final RdsClient rds = emulated(RdsClient.builder(), REGION);
    private final EcsClient ecs = emulated(EcsClient.builder(), REGION);
    private final ElasticLoadBalancingV2Client elb = emulated(ElasticLoadBalancingV2Client.builder(), REGION);
    private final EfsClient efs = emulated(EfsClient.builder(), REGION);
    private final CloudWatchLogsClient logs = emulated(CloudWatchLogsClient.builder(), REGION);
    private final CloudFrontClient cloudFront = emulated(CloudFrontClient.builder(), "us-east-1");

    @DynamicPropertySource
    static void checkedOften(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:plinth-tags;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        registry.add("plinth.drift.interval", INTERVAL::toString);
        registry.add("plinth.drift.observations-per-second", () -> "1000");
    }

    @Test
    void aTagChangeIsPlannedForEveryTaggedResourceAndAppliedToExactlyTheChangedKeys() {
        String id = api.create("""
                {"name": "tagged", "region": "eu-central-1", "tags": %s,
                 "network": {"cidr": "10.74.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "database": {"engine": "postgres"},
                 "fileSystem": {},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 1},
                 "cdn": {}}""".formatted(TAGS_BEFORE));
        await(id, "READY");
        Map<String, Function<String, Map<String, String>>> readers = readers(zoneOf(id));
        Map<String, Map<String, String>> before = tagsOf(id, readers);
        assertThat(before)
                .allSatisfy((key, tags) -> assertThat(tags)
                        .as(key)
                        .containsEntry("team", "payments")
                        .containsEntry("cost-center", "42")
                        .containsEntry("plinth:environment-id", id));

        Reply planned = api.plan(id, "", PATCH);

        assertThat(planned.status()).as(planned.body()).isEqualTo(200);
        JsonNode plan = planned.json();
        assertThat(plan.path("create").size()
                        + plan.path("replace").size()
                        + plan.path("delete").size())
                .isZero();
        Set<String> tagged = api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .filter(r -> !UNTAGGED.contains(r.path("kind").asString()))
                .map(r -> r.path("key").asString())
                .collect(Collectors.toSet());
        assertThat(tagged).containsAll(readers.keySet());
        assertThat(plan.path("update")
                        .valueStream()
                        .map(i -> i.path("key").asString())
                        .collect(Collectors.toSet()))
                .as("every resource that takes tags, and only those")
                .isEqualTo(tagged);
        assertThat(plan.path("update"))
                .allSatisfy(item -> assertThat(item.path("changes")
                                .valueStream()
                                .map(c -> String.join(
                                        " ",
                                        c.path("attribute").asString(),
                                        c.path("from").asString(),
                                        c.path("to").asString())))
                        .as(item.path("key").asString())
                        .containsExactlyInAnyOrder(
                                "tags.team payments checkout", "tags.cost-center 42 (none)", "tags.owner (none) ops"));

        Reply patched = api.patch(id, "", PATCH, api.etag(id));
        assertThat(patched.status()).as(patched.body()).isEqualTo(202);
        await(id, "READY");

        Map<String, Map<String, String>> after = tagsOf(id, readers);
        before.forEach((key, tags) -> {
            var expected = new TreeMap<>(tags);
            expected.put("team", "checkout");
            expected.remove("cost-center");
            expected.put("owner", "ops");
            assertThat(after.get(key))
                    .as("%s: exactly the changed keys, plinth's own untouched", key)
                    .isEqualTo(expected);
        });

        api.delete("/environments/" + id);
        await(id, "DELETED");
        assertNothingTagged(REGION, id);
    }

    @Test
    void aTagChangedOrRemovedBehindTheServicesBackIsReportedAndPutBackByAReconcile() {
        String id = api.create("""
                {"name": "retagged", "region": "eu-central-1", "tags": %s,
                 "network": {"cidr": "10.75.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 1}}""".formatted(TAGS_BEFORE));
        await(id, "READY");
        String vpc = api.physicalId(id, "vpc");
        String subnet = api.physicalId(id, "subnet/private/" + zoneOf(id));
        String service = api.physicalId(id, "service");
        String loadBalancer = api.physicalId(id, "load-balancer");

        ec2(REGION).createTags(r -> r.resources(vpc).tags(t -> t.key("team").value("rogue")));
        ec2(REGION).deleteTags(r -> r.resources(subnet).tags(t -> t.key("cost-center")));
        ecs.untagResource(r -> r.resourceArn(service).tagKeys("team"));
        elb.addTags(r -> r.resourceArns(loadBalancer).tags(t -> t.key("extra").value("x")));

        Set<String> expected = Set.of(
                "vpc tags.team payments rogue",
                "subnet/private/" + zoneOf(id) + " tags.cost-center 42 (none)",
                "service tags.team payments (none)",
                "load-balancer tags.extra (none) x");
        JsonNode reported = Waits.until(
                INTERVAL.plusSeconds(30),
                () -> api.get("/environments/" + id).json(),
                env -> drifts(env).containsAll(expected),
                "the tag drift to be reported");
        assertThat(drifts(reported)).as("nothing else drifted").isEqualTo(expected);
        assertThat(ec2(REGION)
                        .describeVpcs(r -> r.vpcIds(vpc))
                        .vpcs()
                        .getFirst()
                        .tags())
                .as("left as it is under report")
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=rogue"));

        Reply reconcile = api.send("POST", "/environments/" + id + "/reconcile", "application/json", "");
        assertThat(reconcile.status()).as(reconcile.body()).isEqualTo(202);
        Waits.until(
                Duration.ofSeconds(90),
                () -> api.get("/environments/" + id).json(),
                // NOTE: under report, only the repair makes the drift go away
                env -> env.path("status").asString().equals("READY")
                        && env.at("/drift/differences").isEmpty(),
                "the tags to be put back");

        assertThat(ec2Tags(vpc)).containsEntry("team", "payments");
        assertThat(ec2Tags(subnet)).containsEntry("cost-center", "42");
        assertThat(ecsTags(service)).containsEntry("team", "payments");
        assertThat(elbTags(loadBalancer)).doesNotContainKey("extra").containsEntry("team", "payments");

        api.delete("/environments/" + id);
        await(id, "DELETED");
        assertNothingTagged(REGION, id);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** How to read the tags of one resource of each kind the test looks at, by its key, from its AWS id. */
    private Map<String, Function<String, Map<String, String>>> readers(String zone) {
        var readers = new LinkedHashMap<String, Function<String, Map<String, String>>>();
        readers.put("vpc", this::ec2Tags);
        readers.put("subnet/public/" + zone, this::ec2Tags);
        readers.put("security-group/app", this::ec2Tags);
        readers.put(
                "database/instance",
                identifier -> rdsTags(rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier))
                        .dbInstances()
                        .getFirst()
                        .dbInstanceArn()));
        readers.put(
                "database/proxy",
                name -> rdsTags(rds.describeDBProxies(r -> r.dbProxyName(name))
                        .dbProxies()
                        .getFirst()
                        .dbProxyArn()));
        readers.put("service", this::ecsTags);
        readers.put("load-balancer", this::elbTags);
        readers.put("load-balancer/target-group", this::elbTags);
        readers.put(
                "file-system",
                fileSystem ->
                        efs
                                .describeFileSystems(r -> r.fileSystemId(fileSystem))
                                .fileSystems()
                                .getFirst()
                                .tags()
                                .stream()
                                .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
        readers.put(
                "log-group",
                name -> logs.listTagsForResource(
                                r -> r.resourceArn(logs.describeLogGroups(d -> d.logGroupNamePrefix(name))
                                        .logGroups()
                                        .getFirst()
                                        .logGroupArn()))
                        .tags());
        readers.put(
                "cdn/distribution",
                distribution -> cloudFront
                        .listTagsForResource(r -> r.resource(cloudFront
                                .getDistribution(d -> d.id(distribution))
                                .distribution()
                                .arn()))
                        .tags()
                        .items()
                        .stream()
                        .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
        return readers;
    }

    private Map<String, Map<String, String>> tagsOf(
            String id, Map<String, Function<String, Map<String, String>>> readers) {
        var tags = new TreeMap<String, Map<String, String>>();
        readers.forEach((key, read) -> tags.put(key, new TreeMap<>(read.apply(api.physicalId(id, key)))));
        return tags;
    }

    private Map<String, String> ec2Tags(String resourceId) {
        return ec2(REGION)
                .describeTags(r -> r.filters(f -> f.name("resource-id").values(resourceId)))
                .tags()
                .stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private Map<String, String> rdsTags(String arn) {
        return rds.listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private Map<String, String> ecsTags(String arn) {
        return ecs.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private Map<String, String> elbTags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().getFirst().tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private String zoneOf(String id) {
        return api.get("/environments/" + id)
                .json()
                .path("availabilityZones")
                .get(0)
                .asString();
    }

    private JsonNode await(String id, String status) {
        JsonNode env = api.await(id, CONVERGE, status, "FAILED", "DELETE_FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo(status);
        return env;
    }

    /** The differences of the last check, as "resource attribute expected actual". */
    private static Set<String> drifts(JsonNode env) {
        return env.at("/drift/differences")
                .valueStream()
                .map(d -> String.join(
                        " ",
                        d.path("resource").asString(),
                        d.path("attribute").asString(),
                        d.path("expected").asString(),
                        d.path("actual").asString()))
                .collect(Collectors.toSet());
    }
}
