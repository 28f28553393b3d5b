package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcState;

/** The VPC, with DNS support and DNS hostnames on (needed by RDS endpoints and EFS mount names). */
@Component
class VpcHandler extends Ec2Handler<VpcHandler.Desired, Vpc> {

    record Desired(String cidr) implements ResourceDesired {}

    static final String DNS_SUPPORT = "enableDnsSupport";
    static final String DNS_HOSTNAMES = "enableDnsHostnames";

    VpcHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::VPC", Vpc::vpcId, Vpc::tags);
    }

    @Override
    protected List<Vpc> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeVpcs(r -> query.applyTo(r::vpcIds, r::filters)).vpcs();
    }

    @Override
    protected Readiness readiness(Vpc vpc) {
        return vpc.state() == VpcState.AVAILABLE
                ? Readiness.READY
                : Readiness.pending(vpc.stateAsString(), Duration.ofSeconds(2));
    }

    @Override
    protected List<Difference> differences(Ec2Client ec2, ResourceContext context, Desired desired, Vpc vpc) {
        var differences = new ArrayList<>(super.differences(ec2, context, desired, vpc));
        if (!attribute(ec2, vpc.vpcId(), VpcAttributeName.ENABLE_DNS_SUPPORT)) {
            differences.add(new Difference(DNS_SUPPORT, "true", "false"));
        }
        if (!attribute(ec2, vpc.vpcId(), VpcAttributeName.ENABLE_DNS_HOSTNAMES)) {
            differences.add(new Difference(DNS_HOSTNAMES, "true", "false"));
        }
        return differences;
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createVpc(r -> r.cidrBlock(desired.cidr()).tagSpecifications(Ec2Tags.on(ResourceType.VPC, context)))
                .vpc()
                .vpcId();
    }

    /** NOTE: ModifyVpcAttribute takes one attribute per call. */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        Ec2Client ec2 = client(context);
        AttributeBooleanValue on = AttributeBooleanValue.builder().value(true).build();
        for (Difference d : retagThenSettings(context, observed)) {
            switch (d.attribute()) {
                case DNS_SUPPORT ->
                    ec2.modifyVpcAttribute(r -> r.vpcId(observed.physicalId()).enableDnsSupport(on));
                case DNS_HOSTNAMES ->
                    ec2.modifyVpcAttribute(r -> r.vpcId(observed.physicalId()).enableDnsHostnames(on));
                default -> throw new IllegalArgumentException("cannot change " + d.attribute() + " of a VPC");
            }
        }
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteVpc(r -> r.vpcId(observed.physicalId()));
    }

    private static boolean attribute(Ec2Client ec2, String vpcId, VpcAttributeName name) {
        var answer = ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(name));
        AttributeBooleanValue value =
                name == VpcAttributeName.ENABLE_DNS_SUPPORT ? answer.enableDnsSupport() : answer.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    @Override
    public void markRetained(ResourceContext context, Desired desired, Observation observed) {
        Ec2Tags.markRetained(client(context), observed.physicalId());
    }
}
