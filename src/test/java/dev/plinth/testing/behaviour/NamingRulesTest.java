package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingRulesTest {

    private final NamingRules behaviour = new NamingRules();

    private static AwsCall query(String service, String action, String parameter, String value) {
        return new AwsCall(
                service,
                "eu-central-1",
                action,
                service.equals("ec2") ? Protocol.EC2 : Protocol.QUERY,
                "POST",
                "/",
                null,
                "Action=" + action + "&" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static AwsCall json(String service, String action, String field, String value) {
        return new AwsCall(
                service,
                "eu-central-1",
                action,
                Protocol.JSON,
                "POST",
                "/",
                null,
                "{\"" + field + "\": \"" + value + "\"}");
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @CsvSource({
        "ec2, CreateSecurityGroup, GroupName, sg-shop-security-group-app, InvalidParameterValue",
        "elasticloadbalancing, CreateLoadBalancer, Name, internal-1a2b3c, ValidationError",
        "elasticloadbalancing, CreateLoadBalancer, Name, a-load-balancer-name-of-33-chars-, ValidationError",
        "elasticloadbalancing, CreateTargetGroup, Name, target-group-name-of-33-characters, ValidationError",
        "rds, CreateDBInstance, DBInstanceIdentifier, shop--database-instance, InvalidParameterValue",
        "rds, CreateDBProxy, DBProxyName, 1shop-database-proxy, InvalidParameterValue",
        "rds, DeleteDBInstance, FinalDBSnapshotIdentifier, shop-database-instance-, InvalidParameterValue",
        "rds, CreateDBSubnetGroup, DBSubnetGroupName, default, InvalidParameterValue",
        "iam, CreateRole, RoleName, plinth-a-role-name-longer-than-the-sixty-four-characters-iam-allows, ValidationError",
        "iam, PutRolePolicy, PolicyName, task policy, ValidationError"
    })
    void aQueryCallWithANameItsKindForbidsIsRefusedWithTheKindsError(
            String service, String action, String parameter, String name, String code) {
        assertThat(behaviour.before(query(service, action, parameter, name)))
                .get()
                .extracting(AwsError::status, AwsError::code)
                .containsExactly(400, code);
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @CsvSource({
        "ecs, CreateCluster, clusterName, shop cluster",
        "ecs, RegisterTaskDefinition, family, shop:task",
        "logs, CreateLogGroup, logGroupName, /plinth/shop app",
        "application-autoscaling, PutScheduledAction, ScheduledActionName, shop/nights",
        "dynamodb, CreateTable, TableName, ab"
    })
    void aJsonCallWithANameItsKindForbidsIsRefused(String service, String action, String field, String name) {
        assertThat(behaviour.before(json(service, action, field, name))).isPresent();
    }

    @Test
    void theSecurityGroupErrorIsAwsOwn() {
        assertThat(behaviour.before(query("ec2", "CreateSecurityGroup", "GroupName", "sg-shop")))
                .get()
                .extracting(AwsError::message)
                .isEqualTo(
                        "Value (sg-shop) for parameter GroupName is invalid. Group names may not be in the format sg-*.");
    }

    @Test
    void namesThatKeepTheirRulesGoThrough() {
        assertThat(behaviour.before(query("ec2", "CreateSecurityGroup", "GroupName", "shop-security-group-app")))
                .isEmpty();
        assertThat(behaviour.before(query("elasticloadbalancing", "CreateLoadBalancer", "Name", "internalshop-1a2b3c")))
                .isEmpty();
        assertThat(behaviour.before(query("rds", "CreateDBInstance", "DBInstanceIdentifier", "shop-database-instance")))
                .isEmpty();
        assertThat(behaviour.before(json("ecs", "CreateCluster", "clusterName", "shop-cluster")))
                .isEmpty();
        assertThat(behaviour.before(query("ec2", "CreateVpc", "CidrBlock", "sg-not-a-name")))
                .as("a call it does not watch")
                .isEmpty();
    }

    @Test
    void restCallsAreReadFromTheirBodiesAndPaths() {
        var token = new AwsCall(
                "elasticfilesystem",
                "eu-central-1",
                "POST /2015-02-01/file-systems",
                Protocol.REST_JSON,
                "POST",
                "/2015-02-01/file-systems",
                null,
                "{\"CreationToken\": \"" + "t".repeat(65) + "\"}");
        var control = new AwsCall(
                "cloudfront",
                "us-east-1",
                "POST /2020-05-31/origin-access-control",
                Protocol.REST_XML,
                "POST",
                "/2020-05-31/origin-access-control",
                null,
                "<OriginAccessControlConfig><Name>" + "n".repeat(65) + "</Name></OriginAccessControlConfig>");
        var bucket = new AwsCall("s3", "eu-central-1", "PUT /Shop_Site", Protocol.S3, "PUT", "/Shop_Site", null, "");
        var policy =
                new AwsCall("s3", "eu-central-1", "PUT /Shop_Site", Protocol.S3, "PUT", "/Shop_Site", "policy", "{}");

        assertThat(behaviour.before(token)).get().extracting(AwsError::code).isEqualTo("BadRequest");
        assertThat(behaviour.before(control)).get().extracting(AwsError::code).isEqualTo("InvalidArgument");
        assertThat(behaviour.before(bucket)).get().extracting(AwsError::code).isEqualTo("InvalidBucketName");
        assertThat(behaviour.before(policy)).as("not a CreateBucket").isEmpty();
    }
}
