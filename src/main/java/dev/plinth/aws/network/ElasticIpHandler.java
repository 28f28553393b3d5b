package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** An Elastic IP for a NAT gateway. Released only once its NAT gateway is gone. */
@Component
class ElasticIpHandler implements ResourceHandler<ElasticIpHandler.Desired>, Retagger {

    record Desired() implements ResourceDesired {}

    private final AwsClients aws;

    ElasticIpHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::EIP";
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Ec2Tags.find(context,
                id -> ec2.describeAddresses(r -> r.allocationIds(id)).addresses(),
                () -> ec2.describeAddresses(r -> r.filters(Ec2Tags.ownedBy(context))).addresses(),
                Address::tags)
                .map(address -> new Observation(address.allocationId(), Readiness.READY,
                        context.tagDifferences(Ec2Tags.map(address.tags()))));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return aws.ec2(context.region())
                .allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(Ec2Tags.on(ResourceType.ELASTIC_IP, context)))
                .allocationId();
    }

    /** While a NAT gateway still holds the address, AWS answers InvalidIPAddress.InUse: a dependency, waited out. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.ec2(context.region()).releaseAddress(r -> r.allocationId(observed.physicalId()));
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        Ec2Tags.retag(aws, context, observed.physicalId(), changes);
    }
}
