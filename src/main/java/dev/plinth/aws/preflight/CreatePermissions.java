package dev.plinth.aws.preflight;

import dev.plinth.engine.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What plinth's identity must be allowed to create each kind of resource, as its handlers create it:
 * the create call, the tagging action AWS authorises with tags given at creation, the roles passed
 * (see {@code IamActions} of the tests, which holds the same facts for every call of the sources).
 * Each need is simulated on a representative ARN, named as plinth names the environment's resources of
 * the kind, with the context keys the policy's conditions read, so that ARN- and condition-scoped
 * statements are evaluated as for the real call.
 */
final class CreatePermissions {

    /**
     * Actions simulated together: on one resource, with one context.
     *
     * @param resource an ARN template: {@code {region}}, {@code {account}} and {@code {name}} (the
     *                 environment's) are filled in
     */
    record Need(List<String> actions, String resource, Map<String, String> context) {

        String resourceArn(String region, String account, String name) {
            return resource.replace("{region}", region)
                    .replace("{account}", account)
                    .replace("{name}", name);
        }

        /** The context, with the ARN of the boundary plinth gives its roles for {@link #BOUNDARY}. */
        Map<String, String> context(String boundaryArn) {
            Map<String, String> filled = new LinkedHashMap<>();
            context.forEach((key, value) -> filled.put(key, value.equals(BOUNDARY) ? boundaryArn : value));
            return filled;
        }
    }

    /** The context every call of plinth's gives: its own tags on what it creates and changes. */
    static final Map<String, List<String>> TAG_CONTEXT = Map.of(
            "aws:RequestTag/" + Tags.MANAGED_BY,
            List.of(Tags.MANAGED_BY_VALUE),
            "aws:ResourceTag/" + Tags.MANAGED_BY,
            List.of(Tags.MANAGED_BY_VALUE),
            "aws:TagKeys",
            List.of(Tags.NAME, Tags.ENVIRONMENT_ID, Tags.MANAGED_BY, Tags.RESOURCE_KEY));

    /** Stands in a need's context for the ARN of the permissions boundary plinth gives its roles. */
    static final String BOUNDARY = "{boundary}";

    private static final String ANY = "*";
    /** plinth's roles are on its path (IamRoleHandler.PATH), which their ARN carries. */
    private static final String ROLE = "arn:aws:iam::{account}:role/plinth/plinth-{name}-role";
    /** The role is made, and given inline policies, only with the boundary (helm-free-deploy/iam/plinth-iam-policy.json). */
    private static final Map<String, String> BOUNDED = Map.of("iam:PermissionsBoundary", BOUNDARY);

    private static final Map<String, List<Need>> BY_KIND = Map.ofEntries(
            needs("AWS::EC2::VPC", ec2("CreateVpc"), own("ec2:ModifyVpcAttribute")),
            needs("AWS::EC2::Subnet", ec2("CreateSubnet"), own("ec2:ModifySubnetAttribute")),
            needs("AWS::EC2::InternetGateway", ec2("CreateInternetGateway")),
            needs("AWS::EC2::VPCGatewayAttachment", own("ec2:AttachInternetGateway")),
            needs("AWS::EC2::EIP", ec2("AllocateAddress")),
            needs("AWS::EC2::NatGateway", ec2("CreateNatGateway")),
            needs("AWS::EC2::RouteTable", ec2("CreateRouteTable")),
            needs("AWS::EC2::Route", own("ec2:CreateRoute")),
            needs("AWS::EC2::SubnetRouteTableAssociation", own("ec2:AssociateRouteTable")),
            needs("AWS::EC2::SecurityGroup", ec2("CreateSecurityGroup")),
            needs("AWS::EC2::SecurityGroupIngress", ec2("AuthorizeSecurityGroupIngress")),
            needs("AWS::RDS::DBSubnetGroup", own("rds:CreateDBSubnetGroup", "rds:AddTagsToResource")),
            needs(
                    "AWS::RDS::DBInstance",
                    own("rds:CreateDBInstance", "rds:AddTagsToResource"),
                    // RDS keeps the master password in Secrets Manager with the caller's permissions
                    on(
                            "arn:aws:secretsmanager:{region}:{account}:secret:rds!db-plinth-{name}",
                            "secretsmanager:CreateSecret",
                            "secretsmanager:TagResource"),
                    own("kms:DescribeKey")),
            needs(
                    "AWS::RDS::DBProxy",
                    own("rds:CreateDBProxy", "rds:AddTagsToResource"),
                    passRole("rds.amazonaws.com")),
            needs("AWS::RDS::DBProxyTargetGroup", own("rds:RegisterDBProxyTargets")),
            needs(
                    "AWS::DynamoDB::Table",
                    on(
                            "arn:aws:dynamodb:{region}:{account}:table/plinth-{name}",
                            "dynamodb:CreateTable",
                            "dynamodb:TagResource")),
            needs("AWS::EFS::FileSystem", tagOnCreate("elasticfilesystem", "CreateFileSystem", "TagResource")),
            needs("AWS::EFS::AccessPoint", tagOnCreate("elasticfilesystem", "CreateAccessPoint", "TagResource")),
            needs(
                    "AWS::EFS::MountTarget",
                    own("elasticfilesystem:CreateMountTarget"),
                    // a mount target is a network interface EFS makes with the caller's permissions
                    own("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets")),
            needs(
                    "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    tagOnCreate("elasticloadbalancing", "CreateLoadBalancer", "AddTags")),
            needs(
                    "AWS::ElasticLoadBalancingV2::TargetGroup",
                    tagOnCreate("elasticloadbalancing", "CreateTargetGroup", "AddTags")),
            needs(
                    "AWS::ElasticLoadBalancingV2::Listener",
                    tagOnCreate("elasticloadbalancing", "CreateListener", "AddTags")),
            needs("AWS::ECS::Cluster", tagOnCreate("ecs", "CreateCluster", "TagResource")),
            needs(
                    "AWS::ECS::TaskDefinition",
                    tagOnCreate("ecs", "RegisterTaskDefinition", "TagResource"),
                    passRole("ecs-tasks.amazonaws.com")),
            needs("AWS::ECS::Service", tagOnCreate("ecs", "CreateService", "TagResource")),
            needs(
                    "AWS::Logs::LogGroup",
                    on(
                            "arn:aws:logs:{region}:{account}:log-group:/plinth/{name}/app",
                            "logs:CreateLogGroup",
                            "logs:TagResource",
                            "logs:PutRetentionPolicy")),
            needs(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    own("application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource")),
            needs("AWS::ApplicationAutoScaling::ScalingPolicy", own("application-autoscaling:PutScalingPolicy")),
            needs("AWS::ApplicationAutoScaling::ScheduledAction", own("application-autoscaling:PutScheduledAction")),
            needs("AWS::IAM::Role", new Need(List.of("iam:CreateRole", "iam:TagRole"), ROLE, BOUNDED)),
            needs("AWS::IAM::RolePolicy", new Need(List.of("iam:PutRolePolicy"), ROLE, BOUNDED)),
            needs(
                    "AWS::S3::Bucket",
                    on(
                            "arn:aws:s3:::plinth-{name}-site",
                            "s3:CreateBucket",
                            "s3:PutBucketTagging",
                            "s3:PutBucketPublicAccessBlock",
                            "s3:PutEncryptionConfiguration")),
            needs("AWS::S3::BucketPolicy", on("arn:aws:s3:::plinth-{name}-site", "s3:PutBucketPolicy")),
            needs("AWS::CloudFront::OriginAccessControl", own("cloudfront:CreateOriginAccessControl")),
            needs("AWS::CloudFront::Distribution", own("cloudfront:CreateDistribution", "cloudfront:TagResource")),
            needs(
                    "AWS::CloudWatch::Alarm",
                    on(
                            "arn:aws:cloudwatch:{region}:{account}:alarm:plinth-{name}-alarm",
                            "cloudwatch:PutMetricAlarm",
                            "cloudwatch:TagResource")));

    private CreatePermissions() {}

    /** What creating a resource of the kind needs; nothing for a kind plinth does not know. */
    static List<Need> of(String kind) {
        return BY_KIND.getOrDefault(kind, List.of());
    }

    /** An EC2 create call with its tags: the policy allows ec2:CreateTags only with ec2:CreateAction. */
    private static Need ec2(String operation) {
        return new Need(List.of("ec2:" + operation, "ec2:CreateTags"), ANY, Map.of("ec2:CreateAction", operation));
    }

    /** A create call whose tagging action the policy allows with {@code <service>:CreateAction}. */
    private static Need tagOnCreate(String service, String operation, String tagAction) {
        return new Need(
                List.of(service + ":" + operation, service + ":" + tagAction),
                ANY,
                Map.of(service + ":CreateAction", operation));
    }

    /** Calls on plinth's own resources (or without resource-level permissions), in the tag context. */
    private static Need own(String... actions) {
        return on(ANY, actions);
    }

    /** Calls on the resource the ARN template {@code resource} names, in the tag context. */
    private static Need on(String resource, String... actions) {
        return new Need(List.of(actions), resource, Map.of());
    }

    private static Map.Entry<String, List<Need>> needs(String kind, Need... needs) {
        return Map.entry(kind, List.of(needs));
    }

    private static Need passRole(String service) {
        return new Need(List.of("iam:PassRole"), ROLE, Map.of("iam:PassedToService", service));
    }
}
