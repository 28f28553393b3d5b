package dev.plinth.engine;

/** The parts of an environment, for progress reporting; the graph, not the layer, decides order. */
public enum Layer {
    /** VPC, subnets, gateways, routes and security groups. */
    NETWORK,
    /** The RDS instance, its proxy and their role, or the DynamoDB table. */
    DATA,
    /** The EFS file system, its mount targets and access point. */
    STORAGE,
    /** Load balancer, ECS cluster, roles, task definition, service and its autoscaling. */
    APP,
    /** The CloudFront distribution, and the S3 bucket of a static site. */
    EDGE,
    /** CloudWatch alarms. */
    ALARMS
}
