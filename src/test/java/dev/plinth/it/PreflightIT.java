package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Specs;
import dev.plinth.testing.behaviour.AppliedQuotas;
import dev.plinth.testing.behaviour.OrderableInstanceOptions;
import dev.plinth.testing.behaviour.PolicySimulation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import tools.jackson.databind.JsonNode;

/**
 * Before creating anything, plinth reads the account for what it would refuse: quotas the environment
 * would cross, permissions its own identity lacks, an instance class not offered in its zones, a
 * service-linked role it may not create. POST /plans lists the findings; POST /environments refuses
 * with 422 and the same findings, and creates nothing.
 */
class PreflightIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final String NETWORK_ONLY = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.71.0.0/16", "availabilityZones": 2, "natGateways": "per-az"}}""";

    /**
     * The emulator loads its EC2 and IAM code on their first call, which on a busy machine takes longer
     * than the API client waits for a plan; every test here starts with one.
     */
    @BeforeAll
    static void loadTheEmulatorsServices() {
        ec2(REGION).describeAvailabilityZones();
        emulated(IamClient.builder(), "aws-global").listRoles();
        emulated(RdsClient.builder(), REGION).describeDBInstances();
        emulated(ElasticLoadBalancingV2Client.builder(), REGION).describeLoadBalancers();
    }

    @Test
    void aCleanAccountHasNoFindingsAndEveryCheckReadsTheAccount() {
        Reply reply = api.postJson("/plans", Specs.fullExample());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("findings").isArray()).isTrue();
        assertThat(reply.json().path("findings").size()).as(reply.body()).isZero();
        assertThat(reply.json().path("create").size())
                .as("the plan itself is unchanged")
                .isEqualTo(67);
        assertThat(AWS.calls())
                .extracting(FaultProxy.Call::action)
                .contains(
                        "GetServiceQuota",
                        "SimulatePrincipalPolicy",
                        "DescribeOrderableDBInstanceOptions",
                        "GetRole",
                        "DescribeVpcs",
                        "DescribeAddresses",
                        "DescribeNatGateways",
                        "DescribeInternetGateways",
                        "DescribeLoadBalancers",
                        "DescribeDBInstances",
                        "DescribeDBProxies");
        assertOnlyReads();
    }

    @Test
    void aQuotaTheEnvironmentWouldCrossIsAQuotaFindingAndCreationIsRefusedWithNothingMade() {
        // the default VPC is the one VPC the account may have
        quotas().apply("vpc", "L-F678F1CE", 1);

        JsonNode finding = onlyFinding(api.postJson("/plans", NETWORK_ONLY.formatted("at-limit")));
        assertThat(finding.path("type").asString()).isEqualTo("QUOTA");
        assertThat(finding.path("resource").asString()).isEqualTo("vpc");
        assertThat(finding.path("found").asString())
                .isEqualTo("1 of 1 VPCs per Region used in eu-central-1; this environment needs 1 more");
        assertThat(finding.path("fix").asString()).contains("L-F678F1CE", "to 2 or more", "delete a VPC");

        AWS.clear();
        quotas().apply("vpc", "L-F678F1CE", 1);
        Reply refused = api.postJson("/environments", NETWORK_ONLY.formatted("at-limit"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("/type")).isEqualTo("urn:plinth:problem:preflight-refused");
        assertThat(refusing(refused)).containsExactly(finding);
        assertOnlyReads();
        assertThat(ec2(REGION).describeVpcs().vpcs()).as("only the default VPC").hasSize(1);
        assertThat(api.get("/environments?name=at-limit").json().path("items").size())
                .as("nothing stored")
                .isZero();
    }

    @Test
    void elasticIpsAtTheirDocumentedDefaultAndNatGatewaysPerZoneAreCountedWhereTheyAre() {
        // Service Quotas holds no applied value for Elastic IPs here: the documented default of 5 applies
        Ec2Client ec2 = ec2(REGION);
        for (int i = 0; i < 4; i++) {
            ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        }
        // one NAT gateway in zone a, where the account may have one
        quotas().apply("vpc", "L-FE5A380F", 1);
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.90.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(
                        r -> r.vpcId(vpc).cidrBlock("10.90.1.0/24").availabilityZone(REGION + "a"))
                .subnet()
                .subnetId();
        String eip = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        ec2.createNatGateway(r -> r.subnetId(subnet).allocationId(eip));

        Reply plan = api.postJson("/plans", NETWORK_ONLY.formatted("crowded"));

        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        List<String> found = refusing(plan)
                .map(f -> f.path("type").asString() + " " + f.path("resource").asString() + ": "
                        + f.path("found").asString())
                .toList();
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "QUOTA eip/eu-central-1a: 5 of 5 EC2-VPC Elastic IPs used in eu-central-1; this environment needs 2 more",
                        "QUOTA nat-gateway/eu-central-1a: 1 of 1 NAT gateways per Availability Zone used in eu-central-1a;"
                                + " this environment needs 1 more");
    }

    @Test
    void anActionPlinthMayNotCallIsAPermissionFindingNamingTheResource() {
        simulation().deny("rds:CreateDBProxy");

        JsonNode finding = onlyFinding(api.postJson("/plans", Specs.fullExample()));

        assertThat(finding.path("type").asString()).isEqualTo("PERMISSION");
        assertThat(finding.path("resource").asString()).isEqualTo("database/proxy");
        assertThat(finding.path("found").asString()).contains("may not call rds:CreateDBProxy");
        assertThat(finding.path("fix").asString()).contains("allow rds:CreateDBProxy");
        Reply refused = api.postJson("/environments", Specs.fullExample());
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refusing(refused)).containsExactly(finding);
    }

    @Test
    void anInstanceClassAZoneDoesNotOfferIsUnavailable() {
        orderable().withdraw("db.t4g.micro", REGION + "b");

        JsonNode finding = onlyFinding(api.postJson("/plans", Specs.fullExample()));

        assertThat(finding.path("type").asString()).isEqualTo("UNAVAILABLE");
        assertThat(finding.path("resource").asString()).isEqualTo("database/instance");
        assertThat(finding.path("found").asString())
                .isEqualTo("RDS does not offer db.t4g.micro for postgres in eu-central-1b of eu-central-1");
        assertThat(finding.path("fix").asString()).contains("database.instanceClass");

        orderable().withdraw("db.t4g.micro");
        assertThat(onlyFinding(api.postJson("/plans", Specs.fullExample()))
                        .path("found")
                        .asString())
                .isEqualTo("RDS does not offer db.t4g.micro for postgres in eu-central-1");
    }

    @Test
    void aServiceLinkedRolePlinthMayNotCreateIsAPermissionFindingUntilItExists() {
        simulation().deny("iam:CreateServiceLinkedRole");

        Reply plan = api.postJson("/plans", Specs.fullExample());
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(refusing(plan).map(f -> f.path("resource").asString()))
                .containsExactlyInAnyOrder(
                        "AWSServiceRoleForECS",
                        "AWSServiceRoleForElasticLoadBalancing",
                        "AWSServiceRoleForRDS",
                        "AWSServiceRoleForApplicationAutoScaling_ECSService",
                        "AWSServiceRoleForAmazonElasticFileSystem");
        assertThat(plan.json()
                        .path("findings")
                        .valueStream()
                        .map(f -> f.path("fix").asString()))
                .contains("create it once: aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com;"
                        + " or allow plinth iam:CreateServiceLinkedRole for it");

        // the role as ECS makes it (the emulator's CreateServiceLinkedRole names it AWSServiceRoleForecs)
        emulated(IamClient.builder(), "aws-global")
                .createRole(r -> r.roleName("AWSServiceRoleForECS")
                        .path("/aws-service-role/ecs.amazonaws.com/")
                        .assumeRolePolicyDocument("""
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                         "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"""));
        assertThat(refusing(api.postJson("/plans", Specs.fullExample()))
                        .map(f -> f.path("resource").asString()))
                .doesNotContain("AWSServiceRoleForECS")
                .hasSize(4);
    }

    @Test
    void aReadThatFailsIsAFindingThatRefusesNothing() {
        AWS.failAlways("GetServiceQuota", 400, "ThrottlingException", "Rate exceeded");

        Reply plan = api.postJson("/plans", NETWORK_ONLY.formatted("throttled"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json()
                        .path("findings")
                        .valueStream()
                        .map(f -> f.path("type").asString())
                        .distinct())
                .containsExactly("UNCHECKED");
        assertThat(plan.json()
                        .path("findings")
                        .valueStream()
                        .map(f -> f.path("found").asString()))
                .allMatch(found -> found.startsWith("could not read quota ") && found.contains("ThrottlingException"));

        Reply created = api.postJson("/environments", NETWORK_ONLY.formatted("throttled"));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.text("/id");
        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    /** The one finding that refuses; reads too slow for the budget on a busy machine are UNCHECKED and left aside. */
    private static JsonNode onlyFinding(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> refusing = refusing(reply).toList();
        assertThat(refusing).as(reply.body()).hasSize(1);
        return refusing.getFirst();
    }

    private static Stream<JsonNode> refusing(Reply reply) {
        return reply.json()
                .path("findings")
                .valueStream()
                .filter(f -> !f.path("type").asString().equals("UNCHECKED"));
    }

    private static void assertOnlyReads() {
        assertThat(AWS.calls())
                .extracting(FaultProxy.Call::action)
                .allMatch(a -> a.startsWith("Describe")
                        || a.startsWith("Get")
                        || a.startsWith("List")
                        || a.equals("SimulatePrincipalPolicy"));
    }

    private static AppliedQuotas quotas() {
        return AWS.behaviours().get("service-quotas-applied", AppliedQuotas.class);
    }

    private static PolicySimulation simulation() {
        return AWS.behaviours().get("iam-policy-simulation", PolicySimulation.class);
    }

    private static OrderableInstanceOptions orderable() {
        return AWS.behaviours().get("rds-orderable-options", OrderableInstanceOptions.class);
    }
}
