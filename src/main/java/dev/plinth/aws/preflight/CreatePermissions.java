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
            Map.entry("AWS::EC2::VPC", List.of(ec2("CreateVpc"), own("ec2:ModifyVpcAttribute"))),
            Map.entry("AWS::EC2::Subnet", List.of(ec2("CreateSubnet"), own("ec2:ModifySubnetAttribute"))),
            Map.entry("AWS::EC2::InternetGateway", List.of(ec2("CreateInternetGateway"))),
            Map.entry("AWS::EC2::VPCGatewayAttachment", List.of(own("ec2:AttachInternetGateway"))),
            Map.entry("AWS::EC2::EIP", List.of(ec2("AllocateAddress"))),
            Map.entry("AWS::EC2::NatGateway", List.of(ec2("CreateNatGateway"))),
            Map.entry("AWS::EC2::RouteTable", List.of(ec2("CreateRouteTable"))),
            Map.entry("AWS::EC2::Route", List.of(own("ec2:CreateRoute"))),
            Map.entry("AWS::EC2::SubnetRouteTableAssociation", List.of(own("ec2:AssociateRouteTable"))),
            Map.entry("AWS::EC2::SecurityGroup", List.of(ec2("CreateSecurityGroup"))),
            Map.entry("AWS::EC2::SecurityGroupIngress", List.of(ec2("AuthorizeSecurityGroupIngress"))),
            Map.entry("AWS::RDS::DBSubnetGroup", List.of(own("rds:CreateDBSubnetGroup", "rds:AddTagsToResource"))),
            Map.entry(
                    "AWS::RDS::DBInstance",
                    List.of(
                            own("rds:CreateDBInstance", "rds:AddTagsToResource"),
                            // RDS keeps the master password in Secrets Manager with the caller's permissions
                            new Need(
                                    List.of("secretsmanager:CreateSecret", "secretsmanager:TagResource"),
                                    "arn:aws:secretsmanager:{region}:{account}:secret:rds!db-plinth-{name}",
                                    Map.of()),
                            own("kms:DescribeKey"))),
            Map.entry(
                    "AWS::RDS::DBProxy",
                    List.of(own("rds:CreateDBProxy", "rds:AddTagsToResource"), passRole("rds.amazonaws.com"))),
            Map.entry("AWS::RDS::DBProxyTargetGroup", List.of(own("rds:RegisterDBProxyTargets"))),
            Map.entry(
                    "AWS::DynamoDB::Table",
                    List.of(new Need(
                            List.of("dynamodb:CreateTable", "dynamodb:TagResource"),
                            "arn:aws:dynamodb:{region}:{account}:table/plinth-{name}",
                            Map.of()))),
            Map.entry(
                    "AWS::EFS::FileSystem",
                    List.of(tagOnCreate("elasticfilesystem", "CreateFileSystem", "TagResource"))),
            Map.entry(
                    "AWS::EFS::AccessPoint",
                    List.of(tagOnCreate("elasticfilesystem", "CreateAccessPoint", "TagResource"))),
            Map.entry(
                    "AWS::EFS::MountTarget",
                    List.of(
                            own("elasticfilesystem:CreateMountTarget"),
                            // a mount target is a network interface EFS makes with the caller's permissions
                            own("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"))),
            Map.entry(
                    "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    List.of(tagOnCreate("elasticloadbalancing", "CreateLoadBalancer", "AddTags"))),
            Map.entry(
                    "AWS::ElasticLoadBalancingV2::TargetGroup",
                    List.of(tagOnCreate("elasticloadbalancing", "CreateTargetGroup", "AddTags"))),
            Map.entry(
                    "AWS::ElasticLoadBalancingV2::Listener",
                    List.of(tagOnCreate("elasticloadbalancing", "CreateListener", "AddTags"))),
            Map.entry("AWS::ECS::Cluster", List.of(tagOnCreate("ecs", "CreateCluster", "TagResource"))),
            Map.entry(
                    "AWS::ECS::TaskDefinition",
                    List.of(
                            tagOnCreate("ecs", "RegisterTaskDefinition", "TagResource"),
                            passRole("ecs-tasks.amazonaws.com"))),
            Map.entry("AWS::ECS::Service", List.of(tagOnCreate("ecs", "CreateService", "TagResource"))),
            Map.entry(
                    "AWS::Logs::LogGroup",
                    List.of(new Need(
                            List.of("logs:CreateLogGroup", "logs:TagResource", "logs:PutRetentionPolicy"),
                            "arn:aws:logs:{region}:{account}:log-group:/plinth/{name}/app",
                            Map.of()))),
            Map.entry(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    List.of(own(
                            "application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource"))),
            Map.entry(
                    "AWS::ApplicationAutoScaling::ScalingPolicy",
                    List.of(own("application-autoscaling:PutScalingPolicy"))),
            Map.entry(
                    "AWS::ApplicationAutoScaling::ScheduledAction",
                    List.of(own("application-autoscaling:PutScheduledAction"))),
            Map.entry("AWS::IAM::Role", List.of(new Need(List.of("iam:CreateRole", "iam:TagRole"), ROLE, BOUNDED))),
            Map.entry("AWS::IAM::RolePolicy", List.of(new Need(List.of("iam:PutRolePolicy"), ROLE, BOUNDED))),
            Map.entry(
                    "AWS::S3::Bucket",
                    List.of(new Need(
                            List.of(
                                    "s3:CreateBucket",
                                    "s3:PutBucketTagging",
                                    "s3:PutBucketPublicAccessBlock",
                                    "s3:PutEncryptionConfiguration"),
                            "arn:aws:s3:::plinth-{name}-site",
                            Map.of()))),
            Map.entry(
                    "AWS::S3::BucketPolicy",
                    List.of(new Need(List.of("s3:PutBucketPolicy"), "arn:aws:s3:::plinth-{name}-site", Map.of()))),
            Map.entry("AWS::CloudFront::OriginAccessControl", List.of(own("cloudfront:CreateOriginAccessControl"))),
            Map.entry(
                    "AWS::CloudFront::Distribution",
                    List.of(own("cloudfront:CreateDistribution", "cloudfront:TagResource"))),
            Map.entry(
                    "AWS::CloudWatch::Alarm",
                    List.of(new Need(
                            List.of("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"),
                            "arn:aws:cloudwatch:{region}:{account}:alarm:plinth-{name}-alarm",
                            Map.of()))));

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
        return new Need(List.of(actions), ANY, Map.of());
    }

    private static Need passRole(String service) {
        return new Need(List.of("iam:PassRole"), ROLE, Map.of("iam:PassedToService", service));
    }
}
