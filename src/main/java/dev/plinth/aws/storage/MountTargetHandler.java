package dev.plinth.aws.storage;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.Describe;
import dev.plinth.aws.Lookup;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.efs.model.MountTargetConflictException;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;

/**
 * A mount target of the file system in one subnet, in one security group. Mount targets take no
 * tags; a file system has at most one per zone, so one whose id was lost is found by its subnet.
 */
@Component
class MountTargetHandler extends AwsHandler<MountTargetHandler.Desired, EfsClient> {

    record Desired(ResourceKey fileSystem, ResourceKey subnet, ResourceKey securityGroup) implements ResourceDesired {}

    static final String SECURITY_GROUPS = "securityGroups";

    /** NOTE: a mount target takes about a minute and a half on AWS, to come up and to go. */
    private static final Duration POLL = Duration.ofSeconds(10);

    MountTargetHandler(RegionalClient<EfsClient> client) {
        super(client, Desired.class, "AWS::EFS::MountTarget");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        EfsClient efs = client(context);
        return find(efs, context, desired)
                .map(mt -> new Observation(
                        mt.mountTargetId(),
                        Efs.readiness(
                                mt.lifeCycleState(),
                                mt.lifeCycleStateAsString(),
                                "mount target " + mt.mountTargetId(),
                                POLL),
                        differences(efs, context, desired, mt)));
    }

    /** By the recorded id, else among the file system's mount targets by subnet. */
    private static Optional<MountTargetDescription> find(EfsClient efs, ResourceContext context, Desired desired) {
        return Lookup.byIdElse(
                context,
                id -> efs.describeMountTargets(r -> r.mountTargetId(id)).mountTargets(),
                mt -> Efs.exists(mt.lifeCycleState()),
                () -> inSubnet(efs, context, desired));
    }

    private static Optional<MountTargetDescription> inSubnet(EfsClient efs, ResourceContext context, Desired desired) {
        String subnetId = context.idOf(desired.subnet());
        return Describe.orNone(() -> efs.describeMountTargets(r -> r.fileSystemId(context.idOf(desired.fileSystem())))
                        .mountTargets())
                .stream()
                .filter(mt -> subnetId.equals(mt.subnetId()) && Efs.exists(mt.lifeCycleState()))
                .findFirst();
    }

    /** NOTE: AWS changes the security groups only of an available mount target. */
    private static List<Difference> differences(
            EfsClient efs, ResourceContext context, Desired desired, MountTargetDescription mt) {
        if (mt.lifeCycleState() != LifeCycleState.AVAILABLE) {
            return List.of();
        }
        String wanted = context.idOf(desired.securityGroup());
        List<String> actual = efs.describeMountTargetSecurityGroups(r -> r.mountTargetId(mt.mountTargetId()))
                .securityGroups();
        return actual.equals(List.of(wanted))
                ? List.of()
                : List.of(new Difference(SECURITY_GROUPS, wanted, String.join(",", actual)));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        EfsClient efs = client(context);
        try {
            return efs.createMountTarget(r -> r.fileSystemId(context.idOf(desired.fileSystem()))
                            .subnetId(context.idOf(desired.subnet()))
                            .securityGroups(context.idOf(desired.securityGroup())))
                    .mountTargetId();
        } catch (MountTargetConflictException e) {
            // the file system already has a mount target in this zone: ours, when it is in our subnet
            return find(efs, context.withPhysicalId(null), desired)
                    .orElseThrow(() -> e)
                    .mountTargetId();
        }
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        for (Difference d : observed.differences()) {
            if (!d.attribute().equals(SECURITY_GROUPS)) {
                throw new IllegalArgumentException("cannot change " + d + " of a mount target");
            }
            client(context)
                    .modifyMountTargetSecurityGroups(r -> r.mountTargetId(observed.physicalId())
                            .securityGroups(context.idOf(desired.securityGroup())));
        }
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (Efs.deleting(observed)) {
            return;
        }
        client(context).deleteMountTarget(r -> r.mountTargetId(observed.physicalId()));
    }
}
