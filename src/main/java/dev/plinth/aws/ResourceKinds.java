package dev.plinth.aws;

import static dev.plinth.aws.CreateNeed.boundedRole;
import static dev.plinth.aws.CreateNeed.ec2;
import static dev.plinth.aws.CreateNeed.elb;
import static dev.plinth.aws.CreateNeed.on;
import static dev.plinth.aws.CreateNeed.own;
import static dev.plinth.aws.CreateNeed.passRole;
import static dev.plinth.aws.CreateNeed.tagOnCreate;
import static dev.plinth.aws.OrphanForm.byArn;
import static dev.plinth.aws.OrphanForm.byLastSegment;
import static dev.plinth.aws.OrphanForm.byResource;
import static dev.plinth.aws.OrphanForm.custom;
import static dev.plinth.engine.Layer.ALARMS;
import static dev.plinth.engine.Layer.APP;
import static dev.plinth.engine.Layer.DATA;
import static dev.plinth.engine.Layer.EDGE;
import static dev.plinth.engine.Layer.NETWORK;
import static dev.plinth.engine.Layer.STORAGE;
import static java.time.Duration.ofMinutes;

import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One entry per kind of resource plinth makes ({@link KindEntry}): what preflight simulates to create
 * one, how an orphan of it is found and deleted, and how long AWS may take with it. With its handler
 * and its node in the graph, that is all a kind is.
 *
 * <p>In teardown order, which orphans are deleted in: the graph's layers reversed (alarms, edge, app,
 * storage, data, network) and, within a layer, what depends on others first (a VPC last).
 *
 * <p>Timeouts: only where AWS takes long, from how long it takes (with room): the longest wait
 * terraform-provider-aws allows the same kind. {@code plinth.engine.readiness-timeouts} and
 * {@code delete-timeouts} of a kind, when set, take their place.
 */
public final class ResourceKinds {

    private static final List<KindEntry> IN_TEARDOWN_ORDER = List.of(
            entry(
                            "AWS::CloudWatch::Alarm",
                            ALARMS,
                            on(
                                    "arn:aws:cloudwatch:{region}:{account}:alarm:plinth-{name}-alarm",
                                    "cloudwatch:PutMetricAlarm",
                                    "cloudwatch:TagResource"))
                    .foundAs(byResource("cloudwatch:alarm")),
            entry("AWS::S3::BucketPolicy", EDGE, on("arn:aws:s3:::plinth-{name}-site", "s3:PutBucketPolicy")),
            entry("AWS::CloudFront::Distribution", EDGE, own("cloudfront:CreateDistribution", "cloudfront:TagResource"))
                    .foundAs(custom("cloudfront:distribution"))
                    // the CLI's distribution-deployed waiter looks for 35 minutes; deploys take 8 to 20
                    // (terraform-provider-aws issue 8175)
                    .readyWithin(ofMinutes(45)),
            entry(
                            "AWS::S3::Bucket",
                            EDGE,
                            on(
                                    "arn:aws:s3:::plinth-{name}-site",
                                    "s3:CreateBucket",
                                    "s3:PutBucketTagging",
                                    "s3:PutBucketPublicAccessBlock",
                                    "s3:PutEncryptionConfiguration"))
                    .foundAs(byResource("s3:bucket")),
            entry("AWS::CloudFront::OriginAccessControl", EDGE, own("cloudfront:CreateOriginAccessControl")),
            entry("AWS::ApplicationAutoScaling::ScalingPolicy", APP, own("application-autoscaling:PutScalingPolicy")),
            entry(
                    "AWS::ApplicationAutoScaling::ScheduledAction",
                    APP,
                    own("application-autoscaling:PutScheduledAction")),
            entry(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    APP,
                    own("application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource")),
            entry("AWS::ECS::Service", APP, tagOnCreate("ecs", "CreateService", "TagResource"))
                    .foundAs(custom("ecs:service"))
                    .readyWithin(ofMinutes(15)),
            entry("AWS::ElasticLoadBalancingV2::Listener", APP, elb("CreateListener"))
                    .foundAs(byArn("elasticloadbalancing:listener")),
            entry("AWS::ElasticLoadBalancingV2::LoadBalancer", APP, elb("CreateLoadBalancer"))
                    .foundAs(byArn("elasticloadbalancing:loadbalancer"))
                    // elbv2/load_balancer.go: 10 minutes from provisioning to active
                    .readyWithin(ofMinutes(10)),
            entry("AWS::ElasticLoadBalancingV2::TargetGroup", APP, elb("CreateTargetGroup"))
                    .foundAs(byArn("elasticloadbalancing:targetgroup")),
            entry("AWS::IAM::RolePolicy", APP, boundedRole("iam:PutRolePolicy")),
            entry(
                            "AWS::ECS::TaskDefinition",
                            APP,
                            tagOnCreate("ecs", "RegisterTaskDefinition", "TagResource"),
                            passRole("ecs-tasks.amazonaws.com"))
                    .foundAs(custom("ecs:task-definition")),
            entry("AWS::ECS::Cluster", APP, tagOnCreate("ecs", "CreateCluster", "TagResource"))
                    .foundAs(byLastSegment("ecs:cluster"))
                    // a deleted service's tasks stop within minutes (terraform-provider-aws ecs/cluster.go
                    // waits 10 minutes)
                    .deletedWithin(ofMinutes(10)),
            entry(
                            "AWS::Logs::LogGroup",
                            APP,
                            on(
                                    "arn:aws:logs:{region}:{account}:log-group:/plinth/{name}/app",
                                    "logs:CreateLogGroup",
                                    "logs:TagResource",
                                    "logs:PutRetentionPolicy"))
                    .foundAs(custom("logs:log-group")),
            entry(
                            "AWS::EFS::AccessPoint",
                            STORAGE,
                            tagOnCreate("elasticfilesystem", "CreateAccessPoint", "TagResource"))
                    .foundAs(byLastSegment("elasticfilesystem:access-point")),
            entry(
                            "AWS::EFS::MountTarget",
                            STORAGE,
                            own("elasticfilesystem:CreateMountTarget"),
                            // a mount target is a network interface EFS makes with the caller's permissions
                            own("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"))
                    // efs/mount_target.go: 30 minutes from creating to available
                    .readyWithin(ofMinutes(30)),
            entry("AWS::EFS::FileSystem", STORAGE, tagOnCreate("elasticfilesystem", "CreateFileSystem", "TagResource"))
                    .foundAs(custom("elasticfilesystem:file-system")),
            entry("AWS::RDS::DBProxyTargetGroup", DATA, own("rds:RegisterDBProxyTargets"))
                    // rds/proxy_default_target_group.go: 30 minutes
                    .readyWithin(ofMinutes(30)),
            entry(
                            "AWS::RDS::DBProxy",
                            DATA,
                            own("rds:CreateDBProxy", "rds:AddTagsToResource"),
                            passRole("rds.amazonaws.com"))
                    .foundAs(custom("rds:db-proxy"))
                    // rds/proxy.go: 30 minutes
                    .readyWithin(ofMinutes(30)),
            entry("AWS::IAM::Role", DATA, boundedRole("iam:CreateRole", "iam:TagRole")),
            entry(
                            "AWS::RDS::DBInstance",
                            DATA,
                            own("rds:CreateDBInstance", "rds:AddTagsToResource"),
                            // RDS keeps the master password in Secrets Manager with the caller's permissions
                            on(
                                    "arn:aws:secretsmanager:{region}:{account}:secret:rds!db-plinth-{name}",
                                    "secretsmanager:CreateSecret",
                                    "secretsmanager:TagResource"),
                            own("kms:DescribeKey"))
                    .foundAs(byResource("rds:db"))
                    // rds/instance.go: 40 minutes to create, 80 to modify (a Multi-AZ conversion, storage); one
                    // timeout serves both
                    .readyWithin(ofMinutes(80)),
            entry("AWS::RDS::DBSubnetGroup", DATA, own("rds:CreateDBSubnetGroup", "rds:AddTagsToResource"))
                    .foundAs(byResource("rds:subgrp")),
            entry(
                            "AWS::DynamoDB::Table",
                            DATA,
                            on(
                                    "arn:aws:dynamodb:{region}:{account}:table/plinth-{name}",
                                    "dynamodb:CreateTable",
                                    "dynamodb:TagResource"))
                    .foundAs(byLastSegment("dynamodb:table")),
            entry("AWS::EC2::Route", NETWORK, own("ec2:CreateRoute")),
            entry("AWS::EC2::NatGateway", NETWORK, ec2("CreateNatGateway"))
                    .foundAs(byLastSegment("ec2:natgateway"))
                    // ec2/vpc_nat_gateway.go: 10 minutes from pending to available
                    .readyWithin(ofMinutes(10)),
            entry("AWS::EC2::SubnetRouteTableAssociation", NETWORK, own("ec2:AssociateRouteTable")),
            entry("AWS::EC2::EIP", NETWORK, ec2("AllocateAddress"))
                    .foundAs(byLastSegment("ec2:elastic-ip"))
                    // a deleted NAT gateway lets go of its address within minutes
                    .deletedWithin(ofMinutes(10)),
            entry("AWS::EC2::SecurityGroupIngress", NETWORK, ec2("AuthorizeSecurityGroupIngress")),
            entry("AWS::EC2::SecurityGroup", NETWORK, ec2("CreateSecurityGroup"))
                    .foundAs(byLastSegment("ec2:security-group")),
            entry("AWS::EC2::VPCGatewayAttachment", NETWORK, own("ec2:AttachInternetGateway")),
            entry("AWS::EC2::Subnet", NETWORK, ec2("CreateSubnet"), own("ec2:ModifySubnetAttribute"))
                    .foundAs(byLastSegment("ec2:subnet")),
            entry("AWS::EC2::RouteTable", NETWORK, ec2("CreateRouteTable")).foundAs(custom("ec2:route-table")),
            entry("AWS::EC2::InternetGateway", NETWORK, ec2("CreateInternetGateway"))
                    .foundAs(custom("ec2:internet-gateway")),
            entry("AWS::EC2::VPC", NETWORK, ec2("CreateVpc"), own("ec2:ModifyVpcAttribute"))
                    .foundAs(byLastSegment("ec2:vpc")));

    private static final Map<ResourceKind, KindEntry> BY_KIND =
            IN_TEARDOWN_ORDER.stream().collect(Collectors.toUnmodifiableMap(KindEntry::kind, Function.identity()));

    private ResourceKinds() {}

    /** Every entry, in teardown order. */
    public static List<KindEntry> inTeardownOrder() {
        return IN_TEARDOWN_ORDER;
    }

    /** The entry of the kind; empty for a kind plinth does not make. */
    public static Optional<KindEntry> find(ResourceKind kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /** What creating a resource of the kind needs; nothing for a kind plinth does not make. */
    public static List<CreateNeed> createNeedsOf(ResourceKind kind) {
        return find(kind).map(KindEntry::creates).orElse(List.of());
    }

    private static KindEntry entry(String kind, Layer layer, CreateNeed... creates) {
        return new KindEntry(ResourceKind.of(kind), layer, List.of(creates), null, null, null);
    }
}
