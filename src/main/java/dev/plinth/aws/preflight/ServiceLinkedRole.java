package dev.plinth.aws.preflight;

import java.util.Set;

/**
 * The service-linked roles the services plinth uses act through. AWS creates each on first use in
 * an account, as the caller, who then needs iam:CreateServiceLinkedRole for it ("Using
 * service-linked roles" of ECS, Elastic Load Balancing, RDS, Application Auto Scaling and EFS).
 */
enum ServiceLinkedRole {
    ECS("AWSServiceRoleForECS", "ecs.amazonaws.com", Set.of("AWS::ECS::Cluster", "AWS::ECS::Service")),
    ELASTIC_LOAD_BALANCING(
            "AWSServiceRoleForElasticLoadBalancing",
            "elasticloadbalancing.amazonaws.com",
            Set.of("AWS::ElasticLoadBalancingV2::LoadBalancer")),
    RDS("AWSServiceRoleForRDS", "rds.amazonaws.com", Set.of("AWS::RDS::DBInstance", "AWS::RDS::DBProxy")),
    ECS_AUTO_SCALING(
            "AWSServiceRoleForApplicationAutoScaling_ECSService",
            "ecs.application-autoscaling.amazonaws.com",
            Set.of("AWS::ApplicationAutoScaling::ScalableTarget")),
    EFS("AWSServiceRoleForAmazonElasticFileSystem", "elasticfilesystem.amazonaws.com", Set.of("AWS::EFS::FileSystem"));

    final String roleName;
    final String service;
    final Set<String> neededBy;

    ServiceLinkedRole(String roleName, String service, Set<String> neededBy) {
        this.roleName = roleName;
        this.service = service;
        this.neededBy = neededBy;
    }

    /** Service-linked roles live under the path {@code /aws-service-role/<service>/}. */
    String arn(String account) {
        return "arn:aws:iam::" + account + ":role/aws-service-role/" + service + "/" + roleName;
    }
}
