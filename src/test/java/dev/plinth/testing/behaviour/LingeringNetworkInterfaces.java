package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.InterfaceOwners.Owner;
import dev.plinth.testing.behaviour.InterfaceOwners.Placement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.w3c.dom.Element;

/**
 * The network interfaces AWS places for a NAT gateway, a load balancer, a DB instance or proxy, an ECS
 * service's tasks or an EFS mount target outlive it for minutes (durations in {@link InterfaceOwners}).
 * Until they are released: DeleteSubnet answers DependencyViolation for their subnet, DeleteSecurityGroup
 * for their groups, DetachInternetGateway for their VPC when they carry a public address ("has some mapped
 * public address(es)"), and DescribeNetworkInterfaces lists them as AWS describes them. Sources: EC2 API
 * reference, DeleteSubnet and DeleteSecurityGroup ("DependencyViolation"); knowledge centre, "Why can't I
 * delete my security group that's attached to my VPC?" and "How do I resolve the dependency error when I
 * delete my Amazon VPC?"; terraform-provider-aws retries DependencyViolation deleting a subnet
 * (vpc_subnet.go) and a security group (vpc_security_group.go), after deleteLingeringENIs
 * (vpc_network_interface.go). The emulator makes interfaces only for NAT gateways and mount targets,
 * refuses none of these calls, and never releases a NAT gateway's interface: this shows it released after
 * the lag, as AWS does.
 */
final class LingeringNetworkInterfaces implements Behaviour {

    /** One interface whose owner is gone, until AWS releases it. */
    record Lingering(String id, boolean hiddenOnceReleased, Placement placement, String vpc, Owner owner, long since) {}

    private final AwsTime time;
    private final InterfaceOwners owners = new InterfaceOwners();
    private final Map<String, String> vpcOfSubnet = new ConcurrentHashMap<>();
    private final List<Lingering> lingering = new CopyOnWriteArrayList<>();

    LingeringNetworkInterfaces(AwsTime time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "eni-release-lag";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.service().equals("ec2")) {
            return Optional.empty();
        }
        return switch (call.action()) {
            case "DeleteSubnet" ->
                refuseWhile(
                        l -> l.placement().subnet().equals(call.param("SubnetId")),
                        "The subnet '" + call.param("SubnetId") + "' has dependencies and cannot be deleted.");
            case "DeleteSecurityGroup" ->
                refuseWhile(
                        l -> l.placement().groups().contains(call.param("GroupId")),
                        "resource " + call.param("GroupId") + " has a dependent object");
            case "DetachInternetGateway" ->
                refuseWhile(
                        l -> l.owner().publicAddress() && call.param("VpcId").equals(l.vpc()),
                        "Network " + call.param("VpcId")
                                + " has some mapped public address(es). Please unmap those public"
                                + " address(es) before detaching the gateway.");
            default -> Optional.empty();
        };
    }

    private Optional<AwsError> refuseWhile(Predicate<Lingering> blocks, String message) {
        return live().stream().anyMatch(blocks)
                ? Optional.of(AwsError.client("DependencyViolation", message))
                : Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        if (call.is("ec2", "CreateSubnet")) {
            vpcOfSubnet.put(XmlAnswer.of(answer).first("subnetId"), call.param("VpcId"));
        } else if (call.is("ec2", "DescribeNetworkInterfaces")) {
            return described(call, answer);
        } else {
            owners.created(call, answer);
            owners.deleted(call).ifPresent(this::linger);
        }
        return answer;
    }

    private void linger(Owner owner) {
        long now = time.now();
        for (Placement p : owner.placements()) {
            String id = p.emulatorId() != null
                    ? p.emulatorId()
                    : "eni-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            lingering.add(new Lingering(id, p.emulatorId() != null, p, vpcOfSubnet.get(p.subnet()), owner, now));
        }
    }

    /**
     * The emulator's answer with the lingering interfaces as AWS shows them: its own interfaces of a gone
     * owner described as AWS does until released, then left out; the others added where the filters match.
     */
    private AwsAnswer described(AwsCall call, AwsAnswer answer) {
        if (lingering.isEmpty()) {
            return answer;
        }
        XmlAnswer xml = XmlAnswer.of(answer);
        Set<String> shown = new HashSet<>();
        for (Element item : xml.items("networkInterfaceSet")) {
            String id = XmlAnswer.text(item, "networkInterfaceId").orElse(null);
            shown.add(id);
            lingering.stream().filter(l -> l.id().equals(id)).findFirst().ifPresent(l -> {
                if (released(l)) {
                    item.getParentNode().removeChild(item);
                } else {
                    describe(item, l);
                }
            });
        }
        Filters filters = new Filters(call);
        live().stream().filter(l -> !shown.contains(l.id()) && filters.match(l)).forEach(l -> {
            Element item = xml.addItem("networkInterfaceSet");
            XmlAnswer.put(item, "networkInterfaceId", l.id());
            XmlAnswer.put(item, "subnetId", l.placement().subnet());
            if (l.vpc() != null) {
                XmlAnswer.put(item, "vpcId", l.vpc());
            }
            XmlAnswer.putList(item, "groupSet", "groupId", l.placement().groups());
            if (l.owner().publicAddress()) {
                XmlAnswer.put(
                        XmlAnswer.put(item, "association", ""),
                        "publicIp",
                        "203.0.113." + (1 + Math.floorMod(l.id().hashCode(), 254)));
            }
            describe(item, l);
        });
        return xml.writeTo(answer);
    }

    private static void describe(Element item, Lingering l) {
        XmlAnswer.put(item, "description", l.placement().description());
        XmlAnswer.put(item, "interfaceType", l.owner().type());
        XmlAnswer.put(item, "requesterManaged", "true");
        XmlAnswer.put(item, "status", "in-use");
        if (l.owner().requester() != null) {
            XmlAnswer.put(item, "requesterId", l.owner().requester());
        } else {
            XmlAnswer.remove(item, "requesterId");
        }
    }

    private List<Lingering> live() {
        lingering.removeIf(l -> !l.hiddenOnceReleased() && released(l));
        return lingering.stream().filter(l -> !released(l)).toList();
    }

    private boolean released(Lingering l) {
        return time.elapsed(l.since(), l.owner().lag());
    }

    @Override
    public void reset() {
        owners.reset();
        vpcOfSubnet.clear();
        lingering.clear();
    }

    /** DescribeNetworkInterfaces' filters and ids, for the interfaces the emulator does not have. */
    private record Filters(Map<String, Set<String>> byName, List<String> ids) {

        Filters(AwsCall call) {
            this(filters(call), call.params("NetworkInterfaceId"));
        }

        private static Map<String, Set<String>> filters(AwsCall call) {
            Map<String, Set<String>> filters = new HashMap<>();
            for (int i = 1; call.param("Filter." + i + ".Name") != null; i++) {
                filters.put(call.param("Filter." + i + ".Name"), Set.copyOf(call.params("Filter." + i + ".Value")));
            }
            return filters;
        }

        boolean match(Lingering l) {
            if (!ids.isEmpty() && !ids.contains(l.id())) {
                return false;
            }
            return byName.entrySet().stream().allMatch(f -> switch (f.getKey()) {
                case "subnet-id" -> f.getValue().contains(l.placement().subnet());
                case "group-id" -> l.placement().groups().stream().anyMatch(f.getValue()::contains);
                case "vpc-id" -> f.getValue().contains(l.vpc());
                case "network-interface-id" -> f.getValue().contains(l.id());
                case "description" -> f.getValue().contains(l.placement().description());
                case "requester-managed" -> f.getValue().contains("true");
                default -> false;
            });
        }
    }
}
