package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The AWS resources that place network interfaces in a VPC, learnt from their create calls, and the
 * interfaces each leaves behind for a while once its delete call is answered. Descriptions and requesters
 * are AWS's own, as DescribeNetworkInterfaces shows them.
 */
final class InterfaceOwners {

    /**
     * The interfaces of one resource.
     *
     * @param lag how long AWS keeps them after the resource's delete call
     */
    record Owner(
            String id,
            List<Placement> placements,
            String requester,
            String type,
            boolean publicAddress,
            Duration lag) {}

    /**
     * One interface.
     *
     * @param emulatorId the emulator's own interface for it, when it makes one (NAT gateways, mount targets)
     */
    record Placement(String emulatorId, String subnet, List<String> groups, String description) {}

    /** NAT gateway: deleting takes about a minute, its interface goes with it (vpc_nat_gateway.go waits for deleted). */
    static final Duration NAT_LAG = Duration.ofMinutes(2);
    /**
     * Load balancer: its interfaces are deleted minutes after it; knowledge centre, "Why can't I delete my
     * security group / subnet": wait for requester-managed interfaces to be released.
     */
    static final Duration ELB_LAG = Duration.ofMinutes(5);
    /** DB instance: the RDSNetworkInterface outlives the instance by minutes (same article). */
    static final Duration RDS_LAG = Duration.ofMinutes(5);
    /** DB proxy: its interfaces are released the slowest of these, many minutes after the proxy is gone. */
    static final Duration PROXY_LAG = Duration.ofMinutes(10);
    /**
     * ECS task: a Fargate task's interface is detached and deleted in its DEPROVISIONING stage, after the
     * service's tasks stopped (Amazon ECS developer guide, "Task lifecycle").
     */
    static final Duration ECS_TASK_LAG = Duration.ofMinutes(2);
    /** EFS mount target: its interface is removed shortly after the mount target. */
    static final Duration EFS_LAG = Duration.ofMinutes(1);

    /** What AWS names a DB instance's or proxy's interface. */
    static final String RDS_DESCRIPTION = "RDSNetworkInterface";
    /** The requester AWS names on a Fargate task's interface. */
    static final String ECS_REQUESTER = "578734482556";

    private final Map<String, Owner> owners = new ConcurrentHashMap<>();
    /** DB subnet group name (lower case) → its subnets. */
    private final Map<String, List<String>> dbSubnetGroups = new ConcurrentHashMap<>();

    /** Learns an owner from a successful create call. */
    void created(AwsCall call, AwsAnswer answer) {
        switch (call.service() + " " + call.action()) {
            case "ec2 CreateNatGateway" -> nat(call, XmlAnswer.of(answer));
            case "elasticloadbalancing CreateLoadBalancer" -> loadBalancer(call, XmlAnswer.of(answer));
            case "rds CreateDBSubnetGroup" ->
                dbSubnetGroups.put(
                        call.param("DBSubnetGroupName").toLowerCase(Locale.ROOT),
                        call.params("SubnetIds.SubnetIdentifier"));
            case "rds CreateDBInstance", "rds RestoreDBInstanceFromDBSnapshot" -> dbInstance(call);
            case "rds CreateDBProxy" -> dbProxy(call);
            case "ecs CreateService" -> ecsService(call, answer.json().path("service"));
            case "elasticfilesystem POST /2015-02-01/mount-targets" -> mountTarget(call, answer.json());
            default -> {}
        }
    }

    /** The owner a successful delete call removes, if it is one this knows. */
    Optional<Owner> deleted(AwsCall call) {
        String key = switch (call.service() + " " + call.action()) {
            case "ec2 DeleteNatGateway" -> call.param("NatGatewayId");
            case "elasticloadbalancing DeleteLoadBalancer" -> call.param("LoadBalancerArn");
            case "rds DeleteDBInstance" ->
                "db:" + call.param("DBInstanceIdentifier").toLowerCase(Locale.ROOT);
            case "rds DeleteDBProxy" -> "proxy:" + call.param("DBProxyName").toLowerCase(Locale.ROOT);
            case "ecs DeleteService" -> ecsServiceKey(call.json());
            default ->
                call.service().equals("elasticfilesystem")
                                && call.action().startsWith("DELETE /2015-02-01/mount-targets/")
                        ? call.path().substring(call.path().lastIndexOf('/') + 1)
                        : null;
        };
        return key == null ? Optional.empty() : Optional.ofNullable(owners.remove(key));
    }

    void reset() {
        owners.clear();
        dbSubnetGroups.clear();
    }

    private void nat(AwsCall call, XmlAnswer answer) {
        String id = answer.first("natGatewayId");
        boolean publicAddress = !"private".equals(call.param("ConnectivityType")) && call.param("AllocationId") != null;
        owners.put(
                id,
                new Owner(
                        id,
                        List.of(new Placement(
                                answer.first("networkInterfaceId"),
                                call.param("SubnetId"),
                                List.of(),
                                "Interface for NAT Gateway " + id)),
                        null,
                        "nat_gateway",
                        publicAddress,
                        NAT_LAG));
    }

    private void loadBalancer(AwsCall call, XmlAnswer answer) {
        String arn = answer.first("LoadBalancerArn");
        List<String> groups = call.params("SecurityGroups.member");
        // arn:aws:elasticloadbalancing:region:account:loadbalancer/app/name/id → ELB app/name/id
        String description = "ELB " + arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        owners.put(
                arn,
                new Owner(
                        arn,
                        call.params("Subnets.member").stream()
                                .map(s -> new Placement(null, s, groups, description))
                                .toList(),
                        "amazon-elb",
                        "interface",
                        !"internal".equals(call.param("Scheme")),
                        ELB_LAG));
    }

    private void dbInstance(AwsCall call) {
        String id = call.param("DBInstanceIdentifier").toLowerCase(Locale.ROOT);
        String group = call.param("DBSubnetGroupName");
        List<String> subnets =
                group == null ? List.of() : dbSubnetGroups.getOrDefault(group.toLowerCase(Locale.ROOT), List.of());
        if (!subnets.isEmpty()) {
            owners.put(
                    "db:" + id,
                    new Owner(
                            id,
                            List.of(new Placement(
                                    null,
                                    subnets.getFirst(),
                                    call.params("VpcSecurityGroupIds.VpcSecurityGroupId"),
                                    RDS_DESCRIPTION)),
                            "amazon-rds",
                            "interface",
                            false,
                            RDS_LAG));
        }
    }

    private void dbProxy(AwsCall call) {
        String name = call.param("DBProxyName").toLowerCase(Locale.ROOT);
        List<String> groups = call.params("VpcSecurityGroupIds.member");
        owners.put(
                "proxy:" + name,
                new Owner(
                        name,
                        call.params("VpcSubnetIds.member").stream()
                                .map(s -> new Placement(null, s, groups, RDS_DESCRIPTION))
                                .toList(),
                        "amazon-rds",
                        "interface",
                        false,
                        PROXY_LAG));
    }

    /** One interface a task, the tasks spread over the service's subnets as ECS places them. */
    private void ecsService(AwsCall call, JsonNode service) {
        JsonNode vpc = call.json().path("networkConfiguration").path("awsvpcConfiguration");
        List<String> subnets = strings(vpc.path("subnets"));
        List<String> groups = strings(vpc.path("securityGroups"));
        int tasks = call.json().path("desiredCount").asInt(0);
        if (subnets.isEmpty() || tasks == 0) {
            return;
        }
        String arn = service.path("serviceArn").asString();
        String[] parts = arn.split(":");
        List<Placement> placements = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            placements.add(new Placement(
                    null,
                    subnets.get(i % subnets.size()),
                    groups,
                    "arn:aws:ecs:" + parts[3] + ":" + parts[4] + ":attachment/" + UUID.randomUUID()));
        }
        owners.put(arn, new Owner(arn, placements, ECS_REQUESTER, "interface", false, ECS_TASK_LAG));
    }

    /** DeleteService names the service by ARN or by name. */
    private String ecsServiceKey(JsonNode request) {
        String service = request.path("service").asString();
        return service.startsWith("arn:")
                ? service
                : owners.keySet().stream()
                        .filter(k -> k.endsWith("/" + service))
                        .findFirst()
                        .orElse(null);
    }

    private void mountTarget(AwsCall call, JsonNode answer) {
        String id = answer.path("MountTargetId").asString();
        owners.put(
                id,
                new Owner(
                        id,
                        List.of(new Placement(
                                answer.path("NetworkInterfaceId").asString(),
                                call.json().path("SubnetId").asString(),
                                strings(call.json().path("SecurityGroups")),
                                "EFS mount target for "
                                        + answer.path("FileSystemId").asString() + " (" + id + ")")),
                        null,
                        "interface",
                        false,
                        EFS_LAG));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
