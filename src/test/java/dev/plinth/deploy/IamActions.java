package dev.plinth.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM actions an AWS SDK call needs. The SDK names a call by its service (the SDK's service
 * name, as in {@code plinth.aws.calls}: {@code Ec2}, {@code ElasticLoadBalancingV2}, ...) and its
 * operation ({@code CreateVpc}); IAM by a service prefix and an action, which is mostly the
 * operation's name. This class knows the exceptions: the prefixes that differ from the service name,
 * the S3 and CloudFront operations whose action has another name, and the further actions AWS
 * authorises for some calls (tagging a resource while creating it, EFS managing network interfaces,
 * RDS keeping the master password in Secrets Manager, passing a role to a service).
 */
public final class IamActions {

    private static final Map<String, String> PREFIX = Map.ofEntries(
            Map.entry("Ec2", "ec2"),
            Map.entry("Rds", "rds"),
            Map.entry("Iam", "iam"),
            Map.entry("SecretsManager", "secretsmanager"),
            Map.entry("DynamoDb", "dynamodb"),
            Map.entry("Efs", "elasticfilesystem"),
            Map.entry("Ecs", "ecs"),
            Map.entry("ElasticLoadBalancingV2", "elasticloadbalancing"),
            Map.entry("CloudWatchLogs", "logs"),
            Map.entry("ApplicationAutoScaling", "application-autoscaling"),
            Map.entry("CloudFront", "cloudfront"),
            Map.entry("S3", "s3"),
            Map.entry("CloudWatch", "cloudwatch"),
            Map.entry("Sts", "sts"),
            Map.entry("ResourceGroupsTaggingApi", "tag"),
            Map.entry("ServiceQuotas", "servicequotas"));

    /** Operations that any credentials may call: no IAM action authorises them, and no policy needs one. */
    private static final Set<String> NO_PERMISSION_NEEDED = Set.of("Sts.GetCallerIdentity");

    /** Operations whose IAM action is not {@code prefix:Operation}. */
    private static final Map<String, List<String>> RENAMED = Map.ofEntries(
            Map.entry("S3.ListObjectVersions", List.of("s3:ListBucketVersions")),
            Map.entry("S3.DeleteObjects", List.of("s3:DeleteObject", "s3:DeleteObjectVersion")),
            Map.entry("S3.PutPublicAccessBlock", List.of("s3:PutBucketPublicAccessBlock")),
            Map.entry("S3.GetPublicAccessBlock", List.of("s3:GetBucketPublicAccessBlock")),
            Map.entry("S3.PutBucketEncryption", List.of("s3:PutEncryptionConfiguration")),
            Map.entry("S3.GetBucketEncryption", List.of("s3:GetEncryptionConfiguration")),
            Map.entry("S3.HeadBucket", List.of("s3:ListBucket")),
            Map.entry(
                    "CloudFront.CreateDistributionWithTags",
                    List.of("cloudfront:CreateDistribution", "cloudfront:TagResource")));

    private static final List<String> ON_BEHALF_OF_RDS_MASTER_PASSWORD =
            List.of("secretsmanager:CreateSecret", "secretsmanager:TagResource", "kms:DescribeKey");

    /** Actions AWS authorises on top of the operation's own, for the way plinth calls it. */
    private static final Map<String, List<String>> ALSO = Map.ofEntries(
            // tags given at creation (TagSpecifications and the like) need the tagging action too
            Map.entry("Ec2.AllocateAddress", List.of("ec2:CreateTags")),
            Map.entry("Ec2.AuthorizeSecurityGroupIngress", List.of("ec2:CreateTags")),
            Map.entry("Ec2.CreateInternetGateway", List.of("ec2:CreateTags")),
            Map.entry("Ec2.CreateNatGateway", List.of("ec2:CreateTags")),
            Map.entry("Ec2.CreateRouteTable", List.of("ec2:CreateTags")),
            Map.entry("Ec2.CreateSecurityGroup", List.of("ec2:CreateTags")),
            Map.entry("Ec2.CreateSubnet", List.of("ec2:CreateTags")),
            Map.entry("Ec2.CreateVpc", List.of("ec2:CreateTags")),
            Map.entry("Rds.CreateDBSubnetGroup", List.of("rds:AddTagsToResource")),
            // the proxy assumes its role; the instance's master password is kept by RDS in Secrets Manager
            Map.entry("Rds.CreateDBProxy", List.of("rds:AddTagsToResource", "iam:PassRole")),
            Map.entry("Rds.ModifyDBProxy", List.of("iam:PassRole")),
            Map.entry(
                    "Rds.CreateDBInstance", concat(List.of("rds:AddTagsToResource"), ON_BEHALF_OF_RDS_MASTER_PASSWORD)),
            Map.entry("Rds.ModifyDBInstance", ON_BEHALF_OF_RDS_MASTER_PASSWORD),
            Map.entry("Rds.RestoreDBInstanceFromDBSnapshot", List.of("rds:AddTagsToResource")),
            // a final snapshot is a snapshot the caller takes
            Map.entry("Rds.DeleteDBInstance", List.of("rds:CreateDBSnapshot")),
            Map.entry("DynamoDb.CreateTable", List.of("dynamodb:TagResource")),
            Map.entry("Efs.CreateFileSystem", List.of("elasticfilesystem:TagResource")),
            Map.entry("Efs.CreateAccessPoint", List.of("elasticfilesystem:TagResource")),
            // a mount target is a network interface that EFS manages with the caller's permissions
            Map.entry(
                    "Efs.CreateMountTarget",
                    List.of("ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces", "ec2:CreateNetworkInterface")),
            Map.entry("Efs.DeleteMountTarget", List.of("ec2:DeleteNetworkInterface")),
            Map.entry("Efs.DescribeMountTargetSecurityGroups", List.of("ec2:DescribeNetworkInterfaceAttribute")),
            Map.entry("Efs.ModifyMountTargetSecurityGroups", List.of("ec2:ModifyNetworkInterfaceAttribute")),
            Map.entry("Ecs.CreateCluster", List.of("ecs:TagResource")),
            Map.entry("Ecs.CreateService", List.of("ecs:TagResource")),
            // the task and execution roles are passed to ECS
            Map.entry("Ecs.RegisterTaskDefinition", List.of("ecs:TagResource", "iam:PassRole")),
            // Elastic Load Balancing User Guide, "Elastic Load Balancing API permissions"
            Map.entry(
                    "ElasticLoadBalancingV2.CreateLoadBalancer",
                    List.of(
                            "elasticloadbalancing:AddTags",
                            "ec2:DescribeAccountAttributes",
                            "ec2:DescribeAddresses",
                            "ec2:DescribeInternetGateways",
                            "ec2:DescribeSecurityGroups",
                            "ec2:DescribeSubnets",
                            "ec2:DescribeVpcs")),
            Map.entry(
                    "ElasticLoadBalancingV2.CreateTargetGroup",
                    List.of("elasticloadbalancing:AddTags", "ec2:DescribeInternetGateways", "ec2:DescribeVpcs")),
            Map.entry("ElasticLoadBalancingV2.SetSubnets", List.of("ec2:DescribeSubnets")),
            Map.entry("ElasticLoadBalancingV2.CreateListener", List.of("elasticloadbalancing:AddTags")),
            Map.entry("CloudWatchLogs.CreateLogGroup", List.of("logs:TagResource")),
            Map.entry("ApplicationAutoScaling.RegisterScalableTarget", List.of("application-autoscaling:TagResource")),
            Map.entry("CloudWatch.PutMetricAlarm", List.of("cloudwatch:TagResource")),
            Map.entry("Iam.CreateRole", List.of("iam:TagRole")));

    private IamActions() {}

    /** Whether calls of this SDK service can be mapped at all. */
    public static boolean knows(String service) {
        return PREFIX.containsKey(service);
    }

    /** Every IAM action that {@code service}'s {@code operation} needs, as plinth calls it. */
    public static List<String> required(String service, String operation) {
        String prefix = PREFIX.get(service);
        if (prefix == null) {
            throw new IllegalArgumentException(
                    "no IAM prefix known for the SDK service " + service + ": add it to IamActions and the policy");
        }
        String call = service + "." + operation;
        if (NO_PERMISSION_NEEDED.contains(call)) {
            return List.of();
        }
        var actions = new ArrayList<>(RENAMED.getOrDefault(call, List.of(prefix + ":" + operation)));
        actions.addAll(ALSO.getOrDefault(call, List.of()));
        return actions;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
