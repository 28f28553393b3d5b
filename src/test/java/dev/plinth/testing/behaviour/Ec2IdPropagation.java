package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EC2 id is briefly unknown after the call that made it: "if you run a command to modify or describe
 * the resource that you just created, its ID might not have propagated throughout the system, and you
 * will get an error responding that the resource does not exist" (Amazon EC2 API reference, Eventual
 * consistency), for example InvalidGroup.NotFound right after CreateSecurityGroup. The page advises
 * retrying "starting with a couple of seconds of wait time": a few seconds is the usual lag.
 * Any EC2 call naming such an id (a describe by id, a create naming its VPC, a route naming its NAT
 * gateway) answers the kind's NotFound error until then.
 */
final class Ec2IdPropagation implements Behaviour {

    static final Duration PROPAGATION = Duration.ofSeconds(5);

    /** A kind of id: the create that makes it, where its answer holds the id, and the error for it. */
    private record Kind(String create, Pattern id, String code, String noun) {
        Kind(String create, String element, String code, String noun) {
            this(create, Pattern.compile("<" + element + ">([^<]+)</" + element + ">"), code, noun);
        }

        AwsError notFound(String action, String value) {
            if (create.equals("CreateNatGateway") && NAT_GATEWAY_CALLS.contains(action)) {
                return AwsError.client("NatGatewayNotFound", "The Nat Gateway " + value + " was not found");
            }
            return AwsError.client(code, "The " + noun + " ID '" + value + "' does not exist");
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("CreateVpc", "vpcId", "InvalidVpcID.NotFound", "vpc"),
            new Kind("CreateSubnet", "subnetId", "InvalidSubnetID.NotFound", "subnet"),
            new Kind("CreateSecurityGroup", "groupId", "InvalidGroup.NotFound", "security group"),
            new Kind("CreateRouteTable", "routeTableId", "InvalidRouteTableID.NotFound", "routeTable"),
            new Kind(
                    "CreateInternetGateway",
                    "internetGatewayId",
                    "InvalidInternetGatewayID.NotFound",
                    "internetGateway"),
            new Kind("CreateNatGateway", "natGatewayId", "InvalidNatGatewayID.NotFound", "natGateway"),
            new Kind("AllocateAddress", "allocationId", "InvalidAllocationID.NotFound", "allocation"));

    /** DescribeNatGateways and DeleteNatGateway say it their own way. */
    private static final List<String> NAT_GATEWAY_CALLS = List.of("DescribeNatGateways", "DeleteNatGateway");

    private final Recently created;
    /** The kind of each recent id, by id. */
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    Ec2IdPropagation(AwsTime time) {
        this.created = new Recently(time, PROPAGATION);
    }

    @Override
    public String name() {
        return "ec2-id-propagation";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.service().equals("ec2")) {
            return Optional.empty();
        }
        for (String value : call.values()) {
            Kind kind = kinds.get(value);
            if (kind != null && created.isRecent(value)) {
                return Optional.of(kind.notFound(call.action(), value));
            }
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("ec2") || !answer.ok()) {
            return answer;
        }
        for (Kind kind : KINDS) {
            if (kind.create().equals(call.action())) {
                Matcher id = kind.id().matcher(answer.text());
                if (id.find()) {
                    kinds.put(id.group(1), kind);
                    created.happened(id.group(1));
                }
            }
        }
        return answer;
    }

    @Override
    public void reset() {
        created.forget();
        kinds.clear();
    }
}
