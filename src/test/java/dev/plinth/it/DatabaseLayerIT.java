package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.engine.Tags;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBProxy;
import software.amazon.awssdk.services.rds.model.DBProxyTarget;
import software.amazon.awssdk.services.rds.model.Subnet;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import tools.jackson.databind.JsonNode;

/** The data layer built over the network layer, read back with the SDK, and torn down, against the emulator over HTTP. */
class DatabaseLayerIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";

    private final RdsClient rds = emulated(RdsClient.builder(), REGION);
    private final IamClient iam = emulated(IamClient.builder(), "us-east-1");
    private final DynamoDbClient dynamoDb = emulated(DynamoDbClient.builder(), REGION);
    private final SecretsManagerClient secrets = emulated(SecretsManagerClient.builder(), REGION);

    @Test
    void postgresBehindAProxyIsBuiltAsPromisedAndTornDownToNothing() {
        String id = api.create("""
                {"name":"db-pg","region":"eu-central-1",
                 "network":{"cidr":"10.60.0.0/16","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"postgres","instanceClass":"db.t4g.small","storageGb":30,"multiAz":true,
                             "proxy":true,"backupRetentionDays":5}}""");

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        JsonNode outputs = env.path("outputs");
        List<String> privateSubnets = strings(outputs.path("privateSubnetIds"));
        String databaseGroup = outputs.at("/securityGroupIds/database").asString();
        String proxyGroup = outputs.at("/securityGroupIds/databaseProxy").asString();
        assertThat(privateSubnets).hasSize(2);

        DBInstance instance =
                dbInstanceOf(REGION, id).orElseThrow(() -> new AssertionError("no DB instance tagged " + id));
        assertThat(instance.engine()).isEqualTo("postgres");
        assertThat(instance.dbInstanceClass()).isEqualTo("db.t4g.small");
        assertThat(instance.allocatedStorage()).isEqualTo(30);
        assertThat(instance.multiAZ()).isTrue();
        assertThat(instance.storageEncrypted()).isTrue();
        assertThat(instance.backupRetentionPeriod()).isEqualTo(5);
        assertThat(instance.deletionProtection()).isFalse();
        assertThat(instance.publiclyAccessible()).isFalse();
        assertThat(instance.copyTagsToSnapshot()).isTrue();
        assertThat(instance.masterUsername()).isEqualTo("app");
        assertThat(instance.dbName()).as("no database.name: RDS creates none").isNull();
        assertThat(instance.dbInstanceIdentifier()).isEqualTo("db-pg-database-instance");
        assertThat(instance.vpcSecurityGroups())
                .extracting(VpcSecurityGroupMembership::vpcSecurityGroupId)
                .containsExactly(databaseGroup);
        assertThat(instance.dbSubnetGroup().subnets())
                .extracting(Subnet::subnetIdentifier)
                .containsExactlyInAnyOrderElementsOf(privateSubnets);
        assertThat(rdsTag(instance.tagList(), Tags.MANAGED_BY)).isEqualTo("plinth");
        assertThat(rdsTag(instance.tagList(), "Name")).isEqualTo("db-pg-database-instance");
        String secretArn = instance.masterUserSecret().secretArn();
        assertThat(outputs.path("databaseEndpoint").asString())
                .isEqualTo(instance.endpoint().address());
        assertThat(outputs.path("databaseSecretArn").asString()).isEqualTo(secretArn);

        assertThat(rds.describeDBSubnetGroups(r ->
                                r.dbSubnetGroupName(instance.dbSubnetGroup().dbSubnetGroupName()))
                        .dbSubnetGroups())
                .singleElement()
                .satisfies(group -> assertThat(group.subnets())
                        .extracting(Subnet::subnetIdentifier)
                        .containsExactlyInAnyOrderElementsOf(privateSubnets));

        Role role = iam.getRole(r -> r.roleName("plinth-db-pg-database-proxy")).role();
        assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains("rds.amazonaws.com");
        String policy = URLDecoder.decode(
                iam.getRolePolicy(r -> r.roleName(role.roleName()).policyName("read-database-secret"))
                        .policyDocument(),
                StandardCharsets.UTF_8);
        assertThat(policy).contains("secretsmanager:GetSecretValue", secretArn, "kms:Decrypt");

        DBProxy proxy = rds.describeDBProxies(r -> r.dbProxyName("db-pg-database-proxy"))
                .dbProxies()
                .getFirst();
        assertThat(proxy.engineFamily()).isEqualTo("POSTGRESQL");
        assertThat(proxy.vpcSubnetIds()).containsExactlyInAnyOrderElementsOf(privateSubnets);
        assertThat(proxy.vpcSecurityGroupIds()).containsExactly(proxyGroup);
        assertThat(proxy.roleArn()).isEqualTo(role.arn());
        assertThat(proxy.requireTLS()).isTrue();
        assertThat(proxy.auth()).singleElement().satisfies(auth -> {
            assertThat(auth.secretArn()).isEqualTo(secretArn);
            assertThat(auth.authSchemeAsString()).isEqualTo("SECRETS");
            assertThat(auth.iamAuthAsString()).isEqualTo("DISABLED");
        });
        assertThat(outputs.path("databaseProxyEndpoint").asString()).isEqualTo(proxy.endpoint());
        assertThat(rds.describeDBProxyTargets(r -> r.dbProxyName(proxy.dbProxyName()))
                        .targets())
                .singleElement()
                .extracting(DBProxyTarget::rdsResourceId)
                .isEqualTo(instance.dbInstanceIdentifier());

        assertThat(resources(id))
                .extracting(r -> r.path("key").asString())
                .contains(
                        "database/subnet-group",
                        "database/instance",
                        "database/proxy-role",
                        "database/proxy-role-policy",
                        "database/proxy",
                        "database/proxy-target");
        assertThat(resources(id))
                .allSatisfy(r -> assertThat(r.path("state").asString()).isEqualTo("READY"));
        assertThat(resources(id))
                .filteredOn(r -> r.path("key").asString().equals("database/proxy"))
                .singleElement()
                .satisfies(r -> assertThat(r.at("/needsOnly/database~1instance").asString())
                        .isEqualTo("secretArn"));
        assertThat(resources(id))
                .filteredOn(r -> r.path("key").asString().equals("database/proxy-target"))
                .singleElement()
                .satisfies(r -> assertThat(r.has("needsOnly"))
                        .as("none: shown not at all")
                        .isFalse());
        List<String> timeline = api.timeline(id);
        assertThat(timeline.indexOf("CREATE_STARTED database/proxy"))
                .as("the proxy is made while the instance is still being made: it needs only its secret")
                .isNotNegative()
                .isLessThan(timeline.indexOf("CREATE_FINISHED database/instance"));
        assertThat(timeline.indexOf("CREATE_STARTED database/proxy-target"))
                .as("the target is registered once the instance is available")
                .isGreaterThan(timeline.indexOf("CREATE_FINISHED database/instance"));

        tearDownToNothing(id);
        assertThat(dbInstanceOf(REGION, id)).isEmpty();
        assertThat(rds.describeDBProxies(r -> {}).dbProxies())
                .extracting(DBProxy::dbProxyName)
                .doesNotContain("db-pg-database-proxy");
        assertThat(rds.describeDBSubnetGroups().dbSubnetGroups()).isEmpty();
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("plinth-db-pg-database-proxy")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(secrets.listSecrets().secretList()).noneMatch(s -> secretArn.equals(s.arn()));
    }

    @Test
    void mysqlWithoutAProxyIsReachedFromTheAppDirectly() {
        String id = api.create("""
                {"name":"db-mysql","region":"eu-central-1",
                 "network":{"cidr":"10.61.0.0/16","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"mysql","proxy":false}}""");

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        JsonNode outputs = env.path("outputs");

        DBInstance instance =
                dbInstanceOf(REGION, id).orElseThrow(() -> new AssertionError("no DB instance tagged " + id));
        assertThat(instance.engine()).isEqualTo("mysql");
        assertThat(instance.dbInstanceClass()).isEqualTo("db.t4g.micro");
        assertThat(instance.allocatedStorage()).isEqualTo(20);
        assertThat(instance.multiAZ()).isFalse();
        assertThat(instance.backupRetentionPeriod()).isEqualTo(7);
        assertThat(instance.storageEncrypted()).isTrue();
        assertThat(outputs.path("databaseEndpoint").asString())
                .isEqualTo(instance.endpoint().address());
        assertThat(outputs.path("databaseSecretArn").asString())
                .isEqualTo(instance.masterUserSecret().secretArn());
        assertThat(outputs.has("databaseProxyEndpoint")).isFalse();

        assertThat(rds.describeDBProxies(r -> {}).dbProxies()).isEmpty();
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("plinth-db-mysql-database-proxy")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(resources(id))
                .extracting(r -> r.path("key").asString())
                .contains("database/subnet-group", "database/instance")
                .noneMatch(key -> key.startsWith("database/proxy"));

        String databaseGroup = outputs.at("/securityGroupIds/database").asString();
        String appGroup = outputs.at("/securityGroupIds/app").asString();
        List<SecurityGroupRule> ingress = ec2(REGION)
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(databaseGroup).build()))
                .securityGroupRules()
                .stream()
                .filter(rule -> !rule.isEgress())
                .toList();
        assertThat(ingress).singleElement().satisfies(rule -> {
            assertThat(rule.fromPort()).isEqualTo(3306);
            assertThat(rule.toPort()).isEqualTo(3306);
            assertThat(rule.referencedGroupInfo().groupId()).isEqualTo(appGroup);
        });

        tearDownToNothing(id);
        assertThat(dbInstanceOf(REGION, id)).isEmpty();
    }

    @Test
    void deletionProtectionInTheSpecRefusesDeleteUntilAChangeTurnsItOff() {
        String id = api.create("""
                {"name":"db-guarded","region":"eu-central-1",
                 "network":{"cidr":"10.64.0.0/16","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"postgres","proxy":false,"deletionProtection":true}}""");
        api.await(id, CONVERGE, "READY");
        assertThat(dbInstanceOf(REGION, id).orElseThrow().deletionProtection()).isTrue();

        var refused = api.delete("/environments/" + id);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("/type")).isEqualTo("urn:plinth:problem:deletion-protected");
        assertThat(refused.json().at("/violations/0/field").asString()).isEqualTo("database.deletionProtection");
        assertThat(api.get("/environments/" + id).text("/status")).isEqualTo("READY");

        String etag = api.etag(id);
        var removing = api.patch(id, "", "{\"database\": {\"enabled\": false}}", etag);
        assertThat(removing.status()).as(removing.body()).isEqualTo(400);
        assertThat(removing.json().at("/violations/0/field").asString()).isEqualTo("database.enabled");
        assertThat(removing.json().at("/violations/0/rule").asString()).isEqualTo("deletion-protected");
        assertThat(api.patch(id, "", "{\"database\": {\"deletionProtection\": false}}", etag)
                        .status())
                .as("a refused change leaves the ETag as it was")
                .isEqualTo(202);
        api.await(id, CONVERGE, "READY");
        assertThat(dbInstanceOf(REGION, id).orElseThrow().deletionProtection())
                .as("changed in place")
                .isFalse();
        tearDownToNothing(id);
        assertThat(dbInstanceOf(REGION, id)).isEmpty();
    }

    @Test
    void protectionTurnedOnBehindPlinthsBackStopsTheTeardownWithAwsOwnWordsUntilLifted() {
        String id = api.create("""
                {"name":"db-protected","region":"eu-central-1",
                 "network":{"cidr":"10.63.0.0/16","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"postgres","proxy":false}}""");
        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        DBInstance instance =
                dbInstanceOf(REGION, id).orElseThrow(() -> new AssertionError("no DB instance tagged " + id));
        rds.modifyDBInstance(r -> r.dbInstanceIdentifier(instance.dbInstanceIdentifier())
                .deletionProtection(true)
                .applyImmediately(true));

        assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
        JsonNode stopped = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(stopped.path("status").asString()).as(stopped.toString()).isEqualTo("DELETE_FAILED");
        assertThat(stopped.at("/failure/step").asString()).isEqualTo("database/instance");
        assertThat(stopped.at("/failure/code").asString()).isEqualTo("InvalidParameterCombination");
        assertThat(stopped.at("/failure/message").asString()).containsIgnoringCase("deletion protection");
        assertThat(dbInstanceOf(REGION, id)).isPresent();

        rds.modifyDBInstance(r -> r.dbInstanceIdentifier(instance.dbInstanceIdentifier())
                .deletionProtection(false)
                .applyImmediately(true));
        tearDownToNothing(id);
        assertThat(dbInstanceOf(REGION, id)).isEmpty();
    }

    @Test
    void dynamodbIsOneEncryptedOnDemandTable() {
        String id = api.create("""
                {"name":"db-dynamo","region":"eu-central-1",
                 "network":{"cidr":"10.62.0.0/16","availabilityZones":2,"natGateways":"none"},
                 "database":{"engine":"dynamodb"}}""");

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");
        String tableName = env.at("/outputs/tableName").asString();
        assertThat(tableName).isEqualTo("db-dynamo-database-table");

        TableDescription table =
                dynamoDb.describeTable(r -> r.tableName(tableName)).table();
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("id");
            assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(table.attributeDefinitions()).singleElement().satisfies(a -> {
            assertThat(a.attributeName()).isEqualTo("id");
            assertThat(a.attributeType()).isEqualTo(ScalarAttributeType.S);
        });
        assertThat(table.sseDescription().status()).isEqualTo(SSEStatus.ENABLED);
        assertThat(table.sseDescription().sseType()).isEqualTo(SSEType.KMS);
        assertThat(dynamoDb.listTagsOfResource(r -> r.resourceArn(table.tableArn()))
                        .tags())
                .anySatisfy(t -> {
                    assertThat(t.key()).isEqualTo(Tags.ENVIRONMENT_ID);
                    assertThat(t.value()).isEqualTo(id);
                });
        assertThat(resources(id))
                .extracting(r -> r.path("key").asString())
                .contains("database/table")
                .noneMatch(key -> key.startsWith("database/") && !key.equals("database/table"));
        assertThat(rds.describeDBInstances().dbInstances()).isEmpty();

        tearDownToNothing(id);
        assertThatThrownBy(() -> dynamoDb.describeTable(r -> r.tableName(tableName)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private void tearDownToNothing(String id) {
        Reply deleting = api.delete("/environments/" + id);
        assertThat(deleting.status()).isEqualTo(202);

        JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
        assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");
        assertNothingTagged(REGION, id);
    }

    private List<JsonNode> resources(String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
