package dev.plinth.testing.behaviour;

import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The resources each IAM action plinth uses acts on, as ARN templates (the Service Authorization
 * Reference's resource types). In a template, {@code {region}} and {@code {account}} are the call's;
 * {@code {Name}} is a request parameter, JSON field or path identifier ({@code {Name.*}} each value of a
 * list); {@code {Name/}} the last part of a name-or-ARN; {@code {>name}} the first field of that name in
 * the answer; {@code {@Name}} the ARN remembered for that identifier ({@code {@Name|service:type}}: else the
 * type's wildcard); {@code {role:Name}} the ARN of the role of that name, path included, as the answer gives it
 * or as it was seen before, else as the request's {@code Path} makes it. A variable the call does not
 * carry becomes {@code *}: the resource type's wildcard. A template marked {@link #NEW} is what the
 * call creates. An action not listed acts on {@code *} (it has no resource-level permissions).
 */
final class IamResources {

    /** Marks the template of what the call creates: it has no tags yet, and is tagged while created. */
    static final String NEW = "+";

    /** Marks a remembered id taken from the request rather than the answer. */
    static final String REQUEST = "=";

    /**
     * Condition keys an action's request carries in a field: IAM puts the field's value in the context
     * (Service Authorization Reference, the action's "Condition keys").
     */
    static final Map<String, Map<String, String>> REQUEST_KEYS = Map.ofEntries(
            autoScaling("DeleteScalingPolicy"),
            autoScaling("DeleteScheduledAction"),
            autoScaling("DeregisterScalableTarget"),
            autoScaling("PutScalingPolicy"),
            autoScaling("PutScheduledAction"),
            autoScaling("RegisterScalableTarget"),
            Map.entry("iam:CreateRole", Map.of("iam:PermissionsBoundary", "PermissionsBoundary")),
            Map.entry("iam:PutRolePermissionsBoundary", Map.of("iam:PermissionsBoundary", "PermissionsBoundary")));

    /**
     * Actions on a role whose condition key {@code iam:PermissionsBoundary} is the boundary the role has
     * (Service Authorization Reference, IAM: "Filters access if the specified policy is set as the
     * permissions boundary on the IAM entity").
     */
    static final List<String> ROLE_BOUNDARY_KEY =
            List.of("iam:DeleteRole", "iam:DeleteRolePolicy", "iam:GetRole", "iam:PutRolePolicy");

    private static Entry<String, Map<String, String>> autoScaling(String action) {
        return Map.entry(
                "application-autoscaling:" + action,
                Map.of("application-autoscaling:service-namespace", "ServiceNamespace"));
    }

    private static final String EC2 = "arn:aws:ec2:{region}:{account}:";
    private static final String RDS = "arn:aws:rds:{region}:{account}:";
    private static final String ECS = "arn:aws:ecs:{region}:{account}:";
    private static final String EFS = "arn:aws:elasticfilesystem:{region}:{account}:";
    private static final String LOGS = "arn:aws:logs:{region}:{account}:log-group:";
    private static final String ALARM = "arn:aws:cloudwatch:{region}:{account}:alarm:";
    private static final String TABLE = "arn:aws:dynamodb:{region}:{account}:table/";
    private static final String BUCKET = "arn:aws:s3:::{Bucket}";
    private static final String DISTRIBUTION = "arn:aws:cloudfront::{account}:distribution/";
    private static final String OAC = "arn:aws:cloudfront::{account}:origin-access-control/";
    private static final String PROXY = "{@DBProxyName|rds:db-proxy}";
    private static final String ROLE_NAMED = "{role:RoleName}";

    /** What an action acts on. */
    static final Map<String, List<String>> OF = Map.ofEntries(
            e("ec2:AllocateAddress", NEW + EC2 + "elastic-ip/{>allocationId}"),
            e("ec2:AssociateRouteTable", EC2 + "route-table/{RouteTableId}", EC2 + "subnet/{SubnetId}"),
            e("ec2:AttachInternetGateway", EC2 + "internet-gateway/{InternetGatewayId}", EC2 + "vpc/{VpcId}"),
            e("ec2:AuthorizeSecurityGroupIngress", EC2 + "security-group/{GroupId}"),
            e("ec2:CreateInternetGateway", NEW + EC2 + "internet-gateway/{>internetGatewayId}"),
            e(
                    "ec2:CreateNatGateway",
                    NEW + EC2 + "natgateway/{>natGatewayId}",
                    EC2 + "subnet/{SubnetId}",
                    EC2 + "elastic-ip/{AllocationId}"),
            e("ec2:CreateRoute", EC2 + "route-table/{RouteTableId}"),
            e("ec2:CreateRouteTable", NEW + EC2 + "route-table/{>routeTableId}", EC2 + "vpc/{VpcId}"),
            e("ec2:CreateSecurityGroup", NEW + EC2 + "security-group/{>groupId}", EC2 + "vpc/{VpcId}"),
            e("ec2:CreateSubnet", NEW + EC2 + "subnet/{>subnetId}", EC2 + "vpc/{VpcId}"),
            e("ec2:CreateVpc", NEW + EC2 + "vpc/{>vpcId}"),
            e("ec2:CreateTags", "{@ResourceId.*}"),
            e("ec2:DeleteTags", "{@ResourceId.*}"),
            e("ec2:DeleteInternetGateway", EC2 + "internet-gateway/{InternetGatewayId}"),
            e("ec2:DeleteNatGateway", EC2 + "natgateway/{NatGatewayId}"),
            e("ec2:DeleteRoute", EC2 + "route-table/{RouteTableId}"),
            e("ec2:DeleteRouteTable", EC2 + "route-table/{RouteTableId}"),
            e("ec2:DeleteSecurityGroup", EC2 + "security-group/{GroupId}"),
            e("ec2:DeleteSubnet", EC2 + "subnet/{SubnetId}"),
            e("ec2:DeleteVpc", EC2 + "vpc/{VpcId}"),
            e("ec2:DescribeVpcAttribute", EC2 + "vpc/{VpcId}"),
            e("ec2:DetachInternetGateway", EC2 + "internet-gateway/{InternetGatewayId}", EC2 + "vpc/{VpcId}"),
            e("ec2:DisassociateRouteTable", "{@AssociationId}"),
            e("ec2:ModifySubnetAttribute", EC2 + "subnet/{SubnetId}"),
            e("ec2:ModifyVpcAttribute", EC2 + "vpc/{VpcId}"),
            e("ec2:ReleaseAddress", EC2 + "elastic-ip/{AllocationId}"),
            e("ec2:ReplaceRoute", EC2 + "route-table/{RouteTableId}"),
            e("ec2:RevokeSecurityGroupIngress", EC2 + "security-group/{GroupId}"),
            e("rds:CreateDBInstance", NEW + RDS + "db:{DBInstanceIdentifier}", RDS + "subgrp:{DBSubnetGroupName}"),
            e("rds:CreateDBSubnetGroup", NEW + RDS + "subgrp:{DBSubnetGroupName}"),
            e("rds:CreateDBSnapshot", NEW + RDS + "snapshot:{DBSnapshotIdentifier}", RDS + "db:{DBInstanceIdentifier}"),
            e("rds:DeleteDBInstance", RDS + "db:{DBInstanceIdentifier}"),
            // RDS names a proxy in its ARN by an id the requests do not carry: the ARN CreateDBProxy answered for
            // the name, else the type's wildcard; a proxy's target group is RDS's own, named by such an id too
            e("rds:DeleteDBProxy", PROXY),
            e("rds:ModifyDBProxy", PROXY),
            e("rds:DescribeDBProxies", PROXY),
            e("rds:DescribeDBProxyTargets", PROXY, RDS + "target-group:*"),
            e("rds:RegisterDBProxyTargets", RDS + "db:{DBInstanceIdentifiers.member.*}", RDS + "target-group:*"),
            e(
                    "rds:DeregisterDBProxyTargets",
                    RDS + "db:{DBInstanceIdentifiers.member.*}",
                    PROXY,
                    RDS + "target-group:*"),
            e("rds:DeleteDBSubnetGroup", RDS + "subgrp:{DBSubnetGroupName}"),
            e("rds:ModifyDBSubnetGroup", RDS + "subgrp:{DBSubnetGroupName}"),
            e("rds:DescribeDBInstances", RDS + "db:{DBInstanceIdentifier}"),
            e("rds:DescribeDBSubnetGroups", RDS + "subgrp:{DBSubnetGroupName}"),
            e("rds:DescribeDBSnapshots", RDS + "snapshot:{DBSnapshotIdentifier}"),
            e("rds:ModifyDBInstance", RDS + "db:{DBInstanceIdentifier}"),
            e(
                    "rds:RestoreDBInstanceFromDBSnapshot",
                    NEW + RDS + "db:{DBInstanceIdentifier}",
                    RDS + "snapshot:{DBSnapshotIdentifier}",
                    RDS + "subgrp:{DBSubnetGroupName}",
                    RDS + "og:*",
                    RDS + "pg:*"),
            e("rds:AddTagsToResource", "{ResourceName}"),
            e("rds:RemoveTagsFromResource", "{ResourceName}"),
            e("rds:ListTagsForResource", "{ResourceName}"),
            e("elasticloadbalancing:CreateLoadBalancer", NEW + "{>LoadBalancerArn}"),
            e("elasticloadbalancing:CreateTargetGroup", NEW + "{>TargetGroupArn}"),
            e("elasticloadbalancing:CreateListener", "{LoadBalancerArn}"),
            e("elasticloadbalancing:DeleteLoadBalancer", "{LoadBalancerArn}"),
            e("elasticloadbalancing:SetSecurityGroups", "{LoadBalancerArn}"),
            e("elasticloadbalancing:SetSubnets", "{LoadBalancerArn}"),
            e("elasticloadbalancing:DeleteTargetGroup", "{TargetGroupArn}"),
            e("elasticloadbalancing:ModifyTargetGroup", "{TargetGroupArn}"),
            e("elasticloadbalancing:DeleteListener", "{ListenerArn}"),
            e("elasticloadbalancing:ModifyListener", "{ListenerArn}"),
            e("elasticloadbalancing:AddTags", "{ResourceArns.member.*}"),
            e("elasticloadbalancing:RemoveTags", "{ResourceArns.member.*}"),
            e("ecs:CreateCluster", NEW + ECS + "cluster/{clusterName}"),
            e("ecs:DeleteCluster", ECS + "cluster/{cluster/}"),
            e("ecs:UpdateClusterSettings", ECS + "cluster/{cluster/}"),
            e("ecs:DescribeClusters", ECS + "cluster/{clusters.*/}"),
            e("ecs:CreateService", NEW + ECS + "service/{cluster/}/{serviceName}"),
            e("ecs:DeleteService", ECS + "service/{cluster/}/{service/}"),
            e("ecs:UpdateService", ECS + "service/{cluster/}/{service/}"),
            e("ecs:DescribeServices", ECS + "service/{cluster/}/{services.*/}"),
            e("ecs:DescribeTasks", ECS + "task/{cluster/}/{tasks.*/}"),
            e("ecs:ListTasks", ECS + "container-instance/{cluster/}/*"),
            e("ecs:RegisterTaskDefinition", NEW + ECS + "task-definition/{family}:{>revision}"),
            e("ecs:DeleteTaskDefinitions", ECS + "task-definition/{taskDefinitions.*/}"),
            e("ecs:TagResource", "{resourceArn}"),
            e("ecs:UntagResource", "{resourceArn}"),
            e("ecs:ListTagsForResource", "{resourceArn}"),
            e("elasticfilesystem:UpdateFileSystem", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:DeleteFileSystem", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:DescribeFileSystems", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:CreateMountTarget", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:DescribeMountTargets", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:DeleteMountTarget", "{@MountTargetId}"),
            e("elasticfilesystem:DescribeMountTargetSecurityGroups", "{@MountTargetId}"),
            e("elasticfilesystem:ModifyMountTargetSecurityGroups", "{@MountTargetId}"),
            e("elasticfilesystem:CreateAccessPoint", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:DeleteAccessPoint", EFS + "access-point/{AccessPointId}"),
            e("elasticfilesystem:DescribeAccessPoints", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:TagResource", "{@ResourceId}"),
            e("elasticfilesystem:UntagResource", "{@ResourceId}"),
            e("logs:CreateLogGroup", NEW + LOGS + "{logGroupName}"),
            e("logs:DeleteLogGroup", LOGS + "{logGroupName}"),
            e("logs:PutRetentionPolicy", LOGS + "{logGroupName}"),
            e("logs:TagResource", "{resourceArn}"),
            e("logs:UntagResource", "{resourceArn}"),
            e("logs:ListTagsForResource", "{resourceArn}"),
            e("cloudwatch:PutMetricAlarm", NEW + ALARM + "{AlarmName}"),
            e("cloudwatch:DeleteAlarms", ALARM + "{AlarmNames.member.*}"),
            e("cloudwatch:TagResource", "{ResourceARN}"),
            e("cloudwatch:UntagResource", "{ResourceARN}"),
            e("cloudwatch:ListTagsForResource", "{ResourceARN}"),
            e("dynamodb:CreateTable", NEW + TABLE + "{TableName}"),
            e("dynamodb:DeleteTable", TABLE + "{TableName}"),
            e("dynamodb:DescribeTable", TABLE + "{TableName}"),
            e("dynamodb:UpdateTable", TABLE + "{TableName}"),
            e("dynamodb:TagResource", "{ResourceArn}"),
            e("dynamodb:UntagResource", "{ResourceArn}"),
            e("dynamodb:ListTagsOfResource", "{ResourceArn}"),
            e("iam:CreateRole", NEW + ROLE_NAMED),
            e("iam:DeleteRole", ROLE_NAMED),
            e("iam:GetRole", ROLE_NAMED),
            e("iam:TagRole", ROLE_NAMED),
            e("iam:UntagRole", ROLE_NAMED),
            e("iam:PutRolePolicy", ROLE_NAMED),
            e("iam:GetRolePolicy", ROLE_NAMED),
            e("iam:DeleteRolePolicy", ROLE_NAMED),
            e("iam:PutRolePermissionsBoundary", ROLE_NAMED),
            e("cloudfront:GetDistribution", DISTRIBUTION + "{Id}"),
            e("cloudfront:GetDistributionConfig", DISTRIBUTION + "{Id}"),
            e("cloudfront:UpdateDistribution", DISTRIBUTION + "{Id}"),
            e("cloudfront:DeleteDistribution", DISTRIBUTION + "{Id}"),
            e("cloudfront:GetOriginAccessControl", OAC + "{Id}"),
            e("cloudfront:UpdateOriginAccessControl", OAC + "{Id}"),
            e("cloudfront:DeleteOriginAccessControl", OAC + "{Id}"),
            // the emulator's distribution ARNs lack the empty region (arn:aws:cloudfront:<account>:…): by id
            e("cloudfront:TagResource", DISTRIBUTION + "{Resource/}"),
            e("cloudfront:UntagResource", DISTRIBUTION + "{Resource/}"),
            e("cloudfront:ListTagsForResource", DISTRIBUTION + "{Resource/}"),
            e("s3:CreateBucket", NEW + BUCKET),
            e("s3:DeleteBucket", BUCKET),
            e("s3:ListBucket", BUCKET),
            e("s3:ListBucketVersions", BUCKET),
            e("s3:GetBucketPolicy", BUCKET),
            e("s3:PutBucketPolicy", BUCKET),
            e("s3:DeleteBucketPolicy", BUCKET),
            e("s3:GetBucketTagging", BUCKET),
            e("s3:PutBucketTagging", BUCKET),
            e("s3:GetBucketPublicAccessBlock", BUCKET),
            e("s3:PutBucketPublicAccessBlock", BUCKET),
            e("s3:GetEncryptionConfiguration", BUCKET),
            e("s3:PutEncryptionConfiguration", BUCKET),
            // DeleteObjects names its keys in the body: the bucket's objects, all of them
            e("s3:DeleteObject", BUCKET + "/*"));

    /** What a create action makes that is not among what the action acts on, but is tagged while created. */
    static final Map<String, String> CREATED = Map.ofEntries(
            e1("ec2:AuthorizeSecurityGroupIngress", EC2 + "security-group-rule/{>securityGroupRuleId}"),
            e1("rds:CreateDBProxy", "{>DBProxyArn}"),
            e1("elasticloadbalancing:CreateListener", "{>ListenerArn}"),
            e1("application-autoscaling:RegisterScalableTarget", "{>ScalableTargetARN}"),
            e1("elasticfilesystem:CreateFileSystem", EFS + "file-system/{>FileSystemId}"),
            e1("elasticfilesystem:CreateAccessPoint", EFS + "access-point/{>AccessPointId}"),
            e1("cloudfront:CreateDistribution", DISTRIBUTION + "{>Id}"));

    /**
     * The ids whose ARN is remembered from an answer, for calls that later name the resource by another
     * id: the route table of an association, the file system of a mount target, EFS's ids for tagging, an
     * RDS proxy's name. The id is the answer's field of that name, or the request's value of a name marked
     * {@link #REQUEST}.
     */
    static final Map<String, List<String>> REMEMBERED = Map.ofEntries(
            e("rds:CreateDBProxy", REQUEST + "DBProxyName", "{>DBProxyArn}"),
            e("ec2:AssociateRouteTable", "associationId", EC2 + "route-table/{RouteTableId}"),
            e("elasticfilesystem:CreateMountTarget", "MountTargetId", EFS + "file-system/{FileSystemId}"),
            e("elasticfilesystem:CreateFileSystem", "FileSystemId", EFS + "file-system/{>FileSystemId}"),
            e("elasticfilesystem:CreateAccessPoint", "AccessPointId", EFS + "access-point/{>AccessPointId}"));

    private IamResources() {}

    private static Entry<String, List<String>> e(String action, String... templates) {
        return Map.entry(action, List.of(templates));
    }

    private static Entry<String, String> e1(String action, String template) {
        return Map.entry(action, template);
    }
}
