package dev.plinth.aws.preflight;

/**
 * The quotas a new environment can cross, as Service Quotas names them, with the default each has
 * where Service Quotas holds no applied value (GetServiceQuota answers NoSuchResourceException).
 * Sources: "Amazon VPC quotas" (VPCs, internet gateways and NAT gateways: 5 each), "Elastic IP
 * address quota" in the EC2 user guide (5 per Region), "Quotas for your Application Load Balancers"
 * (50 per Region) and "Quotas and constraints for Amazon RDS" (40 DB instances, 20 proxies).
 *
 * @param perZone the quota counts per Availability Zone rather than per Region
 */
enum AccountQuota {
    VPCS("vpc", "L-F678F1CE", "VPCs per Region", "AWS::EC2::VPC", 5, false, "delete a VPC that is no longer used"),
    INTERNET_GATEWAYS(
            "vpc",
            "L-A4707A72",
            "Internet gateways per Region",
            "AWS::EC2::InternetGateway",
            5,
            false,
            "delete an internet gateway that is no longer used"),
    NAT_GATEWAYS(
            "vpc",
            "L-FE5A380F",
            "NAT gateways per Availability Zone",
            "AWS::EC2::NatGateway",
            5,
            true,
            "delete a NAT gateway that is no longer used there, or ask for network.natGateways single or none"),
    ELASTIC_IPS(
            "ec2",
            "L-0263D0A3",
            "EC2-VPC Elastic IPs",
            "AWS::EC2::EIP",
            5,
            false,
            "release an Elastic IP that is no longer used, or ask for network.natGateways single or none"),
    LOAD_BALANCERS(
            "elasticloadbalancing",
            "L-53DA6B97",
            "Application Load Balancers per Region",
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            50,
            false,
            "delete a load balancer that is no longer used"),
    DB_INSTANCES(
            "rds",
            "L-7B6409FD",
            "DB instances",
            "AWS::RDS::DBInstance",
            40,
            false,
            "delete a DB instance that is no longer used"),
    DB_PROXIES(
            "rds",
            "L-D94C7EA3",
            "Proxies",
            "AWS::RDS::DBProxy",
            20,
            false,
            "delete an RDS proxy that is no longer used, or ask for database.proxy false");

    final String serviceCode;
    final String code;
    final String title;
    final String kind;
    final int documentedDefault;
    final boolean perZone;
    final String freeOne;

    AccountQuota(
            String serviceCode,
            String code,
            String title,
            String kind,
            int documentedDefault,
            boolean perZone,
            String freeOne) {
        this.serviceCode = serviceCode;
        this.code = code;
        this.title = title;
        this.kind = kind;
        this.documentedDefault = documentedDefault;
        this.perZone = perZone;
        this.freeOne = freeOne;
    }
}
