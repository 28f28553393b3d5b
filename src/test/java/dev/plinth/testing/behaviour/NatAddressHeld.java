package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Elastic IP stays held by its NAT gateway for a while after DeleteNatGateway: while the gateway is
 * {@code deleting}, and briefly after it shows {@code deleted}, DescribeAddresses still shows the address
 * associated with the gateway's interface, and ReleaseAddress answers AuthFailure, "You do not have
 * permission to access the specified resource." (the association is AWS's own). Sources: kubernetes/kops
 * issue 938 and genevieve/leftovers issue 33 (AuthFailure, status 400, releasing a NAT gateway's address),
 * eformat/sno-for-100 issue 9 (still AuthFailure right after the gateway showed {@code deleted}). The emulator
 * releases at once, and, once the gateway is deleted, leaves the address associated for good: after the lag
 * this behaviour shows it free, as AWS does.
 */
final class NatAddressHeld implements Behaviour {

    /** A NAT gateway deletes in about a minute; the address is free a little after (sources above). */
    static final Duration HELD = Duration.ofMinutes(2);

    private static final String[] ASSOCIATION = {
        "associationId", "networkInterfaceId", "networkInterfaceOwnerId", "privateIpAddress", "instanceId"
    };

    private final AwsTime time;
    /** NAT gateway id → the allocation id of its address, from CreateNatGateway. */
    private final Map<String, String> addressOf = new ConcurrentHashMap<>();
    /** Allocation id → when its gateway's delete was asked for. */
    private final Map<String, Long> releasedAt = new ConcurrentHashMap<>();

    NatAddressHeld(AwsTime time) {
        this.time = time;
    }

    @Override
    public String name() {
        return "eip-held-after-nat-delete";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (call.is("ec2", "ReleaseAddress") && held(call.param("AllocationId"))) {
            return Optional.of(
                    AwsError.client("AuthFailure", "You do not have permission to access the specified resource."));
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!answer.ok()) {
            return answer;
        }
        if (call.is("ec2", "CreateNatGateway") && call.param("AllocationId") != null) {
            addressOf.put(XmlAnswer.of(answer).first("natGatewayId"), call.param("AllocationId"));
        } else if (call.is("ec2", "DeleteNatGateway")) {
            Optional.ofNullable(addressOf.get(call.param("NatGatewayId")))
                    .ifPresent(allocation -> releasedAt.putIfAbsent(allocation, time.now()));
        } else if (call.is("ec2", "DescribeAddresses") && !releasedAt.isEmpty()) {
            return shownFree(answer);
        }
        return answer;
    }

    /** The addresses whose gateway let go of them, without the association the emulator keeps. */
    private AwsAnswer shownFree(AwsAnswer answer) {
        XmlAnswer xml = XmlAnswer.of(answer);
        boolean changed = false;
        for (var item : xml.items("addressesSet")) {
            String allocation = XmlAnswer.text(item, "allocationId").orElse(null);
            if (releasedAt.containsKey(allocation) && !held(allocation)) {
                XmlAnswer.remove(item, ASSOCIATION);
                changed = true;
            }
        }
        return changed ? xml.writeTo(answer) : answer;
    }

    private boolean held(String allocation) {
        Long since = allocation == null ? null : releasedAt.get(allocation);
        return since != null && !time.elapsed(since, HELD);
    }

    @Override
    public void reset() {
        addressOf.clear();
        releasedAt.clear();
    }
}
