package dev.plinth.testing.behaviour;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Every name plinth gives AWS keeps its kind's rule ({@link NameRules}): a security group named
 * {@code sg-…}, a load balancer named {@code internal-…} or of 33 characters, an RDS identifier with two
 * hyphens in a row is refused by AWS with the error of the call's API reference page, where the
 * emulator takes most of them.
 */
final class NamingRules implements Behaviour {

    /** A name a call gives: which call, where its name is, and the rule the name keeps. */
    private record Named(String service, String action, Function<AwsCall, String> name, NameRule rule) {}

    private static final Pattern SINGLE_SEGMENT = Pattern.compile("/[^/]+/?");

    private static final List<Named> NAMES = List.of(
            query("ec2", "CreateSecurityGroup", "GroupName", NameRules.SECURITY_GROUP),
            query("ec2", "CreateNatGateway", "ClientToken", NameRules.EC2_CLIENT_TOKEN),
            query("elasticloadbalancing", "CreateLoadBalancer", "Name", NameRules.LOAD_BALANCER),
            query("elasticloadbalancing", "CreateTargetGroup", "Name", NameRules.TARGET_GROUP),
            query("rds", "CreateDBInstance", "DBInstanceIdentifier", NameRules.DB_INSTANCE),
            query("rds", "RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier", NameRules.DB_INSTANCE),
            query("rds", "CreateDBSubnetGroup", "DBSubnetGroupName", NameRules.DB_SUBNET_GROUP),
            query("rds", "CreateDBProxy", "DBProxyName", NameRules.DB_PROXY),
            query("rds", "DeleteDBInstance", "FinalDBSnapshotIdentifier", NameRules.DB_SNAPSHOT),
            query("rds", "CreateDBSnapshot", "DBSnapshotIdentifier", NameRules.DB_SNAPSHOT),
            query("iam", "CreateRole", "RoleName", NameRules.IAM_ROLE),
            query("iam", "PutRolePolicy", "PolicyName", NameRules.IAM_POLICY),
            query("monitoring", "PutMetricAlarm", "AlarmName", NameRules.ALARM),
            json("ecs", "CreateCluster", "clusterName", NameRules.ECS_NAME),
            json("ecs", "CreateService", "serviceName", NameRules.ECS_NAME),
            json("ecs", "RegisterTaskDefinition", "family", NameRules.ECS_NAME),
            json("logs", "CreateLogGroup", "logGroupName", NameRules.LOG_GROUP),
            json("application-autoscaling", "PutScalingPolicy", "PolicyName", NameRules.SCALING_NAME),
            json("application-autoscaling", "PutScheduledAction", "ScheduledActionName", NameRules.SCALING_NAME),
            json("dynamodb", "CreateTable", "TableName", NameRules.DYNAMODB_TABLE),
            json("elasticfilesystem", "POST /2015-02-01/file-systems", "CreationToken", NameRules.EFS_TOKEN),
            json("elasticfilesystem", "POST /2015-02-01/access-points", "ClientToken", NameRules.EFS_TOKEN),
            xml("cloudfront", "POST /2020-05-31/origin-access-control", "Name", NameRules.ORIGIN_ACCESS_CONTROL),
            xml("cloudfront", "POST /2020-05-31/distribution", "Comment", NameRules.DISTRIBUTION_COMMENT));

    @Override
    public String name() {
        return "aws-naming-rules";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (isCreateBucket(call)) {
            return NameRules.BUCKET.check(call.path().replace("/", ""));
        }
        for (Named named : NAMES) {
            if (call.is(named.service(), named.action())) {
                String name = named.name().apply(call);
                return name == null ? Optional.empty() : named.rule().check(name);
            }
        }
        return Optional.empty();
    }

    /** S3 CreateBucket, addressed by path: {@code PUT /<bucket>} without a sub-resource. */
    private static boolean isCreateBucket(AwsCall call) {
        return call.service().equals("s3")
                && call.method().equals("PUT")
                && (call.query() == null || call.query().isEmpty())
                && SINGLE_SEGMENT.matcher(call.path()).matches();
    }

    private static Named query(String service, String action, String parameter, NameRule rule) {
        return new Named(service, action, call -> call.param(parameter), rule);
    }

    private static Named json(String service, String action, String field, NameRule rule) {
        return new Named(
                service,
                action,
                call -> {
                    JsonNode value = call.json().path(field);
                    return value.isValueNode() ? value.asString() : null;
                },
                rule);
    }

    private static Named xml(String service, String action, String element, NameRule rule) {
        Pattern pattern = Pattern.compile("<" + element + ">([^<]*)</" + element + ">");
        return new Named(
                service,
                action,
                call -> {
                    Matcher m = pattern.matcher(call.body());
                    return m.find() ? m.group(1) : null;
                },
                rule);
    }
}
