package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.DeleteBlocker;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The handler of an EC2 kind that network interfaces stand in (a subnet, a security group), which a
 * retained database stands on: its interfaces block its delete, AWS answers DependencyViolation while
 * one is still there (named in the error), and teardown may keep it tagged as retained.
 */
abstract class InterfaceHoldingHandler<D extends ResourceDesired, R> extends Ec2Handler<D, R> {

    /** The DescribeNetworkInterfaces filter naming the resource's interfaces: {@code subnet-id}, {@code group-id}. */
    private final String interfaceFilter;

    protected InterfaceHoldingHandler(
            RegionalClient<Ec2Client> client,
            Class<D> desiredType,
            String kind,
            Function<R, String> idOf,
            Function<R, List<Tag>> tagsOf,
            String interfaceFilter) {
        super(client, desiredType, kind, idOf, tagsOf);
        this.interfaceFilter = interfaceFilter;
    }

    /** The kind's delete call. */
    protected abstract void deleteById(Ec2Client ec2, String id);

    /** Its network interfaces, which AWS releases minutes after what owned them is deleted. */
    @Override
    public Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, D desired, Observation observed) {
        return NetworkInterfaces.blocking(client(context), interfaces(observed.physicalId()), observed.physicalId());
    }

    /** A DependencyViolation answer is waited out, with the interfaces' owners named. */
    @Override
    public void delete(ResourceContext context, D desired, Observation observed) {
        Ec2Client ec2 = client(context);
        NetworkInterfaces.deleteNaming(
                ec2, interfaces(observed.physicalId()), () -> deleteById(ec2, observed.physicalId()));
    }

    @Override
    public void markRetained(ResourceContext context, D desired, Observation observed) {
        Ec2Tags.markRetained(client(context), observed.physicalId());
    }

    private Filter interfaces(String id) {
        return Filter.builder().name(interfaceFilter).values(id).build();
    }
}
