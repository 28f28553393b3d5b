package dev.plinth.aws.orphans;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.KindEntry;
import dev.plinth.aws.OrphanForm;
import dev.plinth.aws.ResourceKinds;
import dev.plinth.engine.Layer;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceKind;
import dev.plinth.engine.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBProxy;

/**
 * How to delete an orphan of each kind plinth makes, in the order teardown deletes them: the kinds'
 * entries ({@link ResourceKinds}) give the order, the layers, the tagging API's types and how each id is
 * read from the ARN. Each step is one call, or a few, with no waiting: a kind that AWS still holds (a
 * VPC with subnets, an enabled CloudFront distribution) answers "in use" and is deleted on a later pass.
 *
 * <p>Where the engine's handler deletes a resource knowing only its id, its {@code delete} is reused
 * (with no desired record: those handlers do not read it); the kinds whose entry says
 * {@link OrphanForm.Deletion#CUSTOM} have a few calls here.
 */
@Component
class OrphanDeleters {

    static final String NAT_GATEWAY = ResourceKinds.find(ResourceKind.of("AWS::EC2::NatGateway"))
            .flatMap(KindEntry::orphanForm)
            .orElseThrow()
            .type();

    /** One step towards deleting one orphan; lets the SDK's exceptions through. */
    @FunctionalInterface
    interface Deleter {
        /** @return empty when the delete was made, else what AWS is still doing before it can be */
        Optional<String> delete(String region, ResourceArn arn, Map<String, String> tags);
    }

    /** A kind, the layer it belongs to, and how to delete it. */
    record Kind(String type, Layer layer, Deleter deleter) {}

    private final AwsClients aws;
    private final Map<String, ResourceHandler<?>> handlers;
    /** In deletion order. */
    private final List<Kind> kinds;

    OrphanDeleters(AwsClients aws, List<ResourceHandler<?>> handlers) {
        this.aws = aws;
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.kind().name(), h -> h));
        Map<ResourceKind, Deleter> custom = Map.of(
                ResourceKind.of("AWS::CloudFront::Distribution"),
                this::distribution,
                ResourceKind.of("AWS::ECS::Service"),
                (region, arn, tags) -> EcsOrphans.deleteService(aws.client(EcsClient.class, region), arn, tags),
                ResourceKind.of("AWS::ECS::TaskDefinition"),
                (region, arn, tags) -> EcsOrphans.deleteTaskDefinition(aws.client(EcsClient.class, region), arn),
                ResourceKind.of("AWS::Logs::LogGroup"),
                handler("AWS::Logs::LogGroup", OrphanDeleters::logGroupName),
                ResourceKind.of("AWS::EFS::FileSystem"),
                this::fileSystem,
                ResourceKind.of("AWS::RDS::DBProxy"),
                this::dbProxy,
                ResourceKind.of("AWS::EC2::RouteTable"),
                ec2First(OrphanDeleters::disassociateSubnets, "AWS::EC2::RouteTable"),
                ResourceKind.of("AWS::EC2::InternetGateway"),
                ec2First(OrphanDeleters::detachFromVpcs, "AWS::EC2::InternetGateway"));
        List<KindEntry> entries = ResourceKinds.inTeardownOrder();
        requireCustomDeletersMatch(custom.keySet(), entries);
        this.kinds = entries.stream()
                .flatMap(e -> e.orphanForm().map(form -> kindOf(e, form, custom)).stream())
                .toList();
    }

    /**
     * Refuses a kind whose entry says {@link OrphanForm.Deletion#CUSTOM} without a deleter here, and a
     * deleter here for a kind whose entry does not say so.
     */
    static void requireCustomDeletersMatch(Set<ResourceKind> deleters, List<KindEntry> entries) {
        Set<ResourceKind> custom = entries.stream()
                .filter(e -> e.orphanForm()
                        .filter(f -> f.deletion() == OrphanForm.Deletion.CUSTOM)
                        .isPresent())
                .map(KindEntry::kind)
                .collect(Collectors.toSet());
        if (!custom.equals(deleters)) {
            throw new IllegalStateException("the kinds whose orphans are deleted here " + new TreeSet<>(deleters)
                    + " are not those whose entries say so " + new TreeSet<>(custom));
        }
    }

    private Kind kindOf(KindEntry entry, OrphanForm form, Map<ResourceKind, Deleter> custom) {
        String handlerKind = entry.kind().name();
        Deleter deleter = switch (form.deletion()) {
            case BY_LAST_SEGMENT -> handler(handlerKind, ResourceArn::lastSegment);
            case BY_RESOURCE -> handler(handlerKind, ResourceArn::resource);
            case BY_ARN -> handler(handlerKind, ResourceArn::value);
            case CUSTOM -> Objects.requireNonNull(custom.get(entry.kind()));
        };
        return new Kind(form.type(), entry.layer(), deleter);
    }

    /** Where a type comes in deletion order; types plinth does not make come last. */
    int rank(String type) {
        return IntStream.range(0, kinds.size())
                .filter(i -> kinds.get(i).type().equals(type))
                .findFirst()
                .orElse(kinds.size());
    }

    /** How to delete this type, if plinth knows it. */
    Optional<Kind> kind(String type) {
        return kinds.stream().filter(k -> k.type().equals(type)).findFirst();
    }

    /** The kinds in deletion order. */
    List<Kind> inOrder() {
        return kinds;
    }

    /**
     * The engine's handler of {@code handlerKind}, given the resource's id as its recorded physical id.
     * It is given no desired record: an orphan has no spec, and these kinds' deletes do not read it.
     */
    @SuppressWarnings("NullAway")
    private Deleter handler(String handlerKind, Function<ResourceArn, String> physicalId) {
        ResourceHandler<?> handler = handlers.get(handlerKind);
        if (handler == null) {
            throw new IllegalStateException("no handler of kind " + handlerKind);
        }
        return (region, arn, tags) -> {
            String id = physicalId.apply(arn);
            ResourceContext context = new ResourceContext(
                    tags.getOrDefault(Tags.ENVIRONMENT_ID, "unknown"),
                    tags.getOrDefault(Tags.NAME, id),
                    region,
                    keyOf(tags),
                    id,
                    Map.of(),
                    tags);
            handler.delete(
                    context, null, Observation.of(id, Readiness.READY).withAttributes(Map.of("arn", arn.value())));
            return Optional.empty();
        };
    }

    private static ResourceKey keyOf(Map<String, String> tags) {
        try {
            return new ResourceKey(tags.getOrDefault(Tags.RESOURCE_KEY, "orphan"));
        } catch (IllegalArgumentException notAKey) {
            return new ResourceKey("orphan");
        }
    }

    /** {@code log-group:/plinth/web/app:*} names the group {@code /plinth/web/app}. */
    private static String logGroupName(ResourceArn arn) {
        String name = arn.resource();
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    /** CloudFront deletes only a disabled, deployed distribution: the first passes disable it and wait. */
    private Optional<String> distribution(String region, ResourceArn arn, Map<String, String> tags) {
        String id = arn.lastSegment();
        Distribution d = aws.cloudFront().getDistribution(r -> r.id(id)).distribution();
        boolean deletable = Boolean.FALSE.equals(d.distributionConfig().enabled()) && "Deployed".equals(d.status());
        handler("AWS::CloudFront::Distribution", ResourceArn::lastSegment).delete(region, arn, tags);
        return deletable
                ? Optional.empty()
                : Optional.of(
                        "the distribution is disabled first and deleted once deployed (status " + d.status() + ")");
    }

    /** Mount targets have no tags of their own: the file system's are deleted with it, then the file system. */
    private Optional<String> fileSystem(String region, ResourceArn arn, Map<String, String> tags) {
        EfsClient efs = aws.client(EfsClient.class, region);
        String id = arn.lastSegment();
        List<String> mountTargets = efs.describeMountTargets(r -> r.fileSystemId(id)).mountTargets().stream()
                .map(MountTargetDescription::mountTargetId)
                .toList();
        if (!mountTargets.isEmpty()) {
            mountTargets.forEach(m -> efs.deleteMountTarget(r -> r.mountTargetId(m)));
            return Optional.of("deleting its " + mountTargets.size() + " mount target(s) first");
        }
        return handler("AWS::EFS::FileSystem", ResourceArn::lastSegment).delete(region, arn, tags);
    }

    /** The ARN names the proxy by its resource id; DeleteDBProxy takes its name. Every page is looked through. */
    private Optional<String> dbProxy(String region, ResourceArn arn, Map<String, String> tags) {
        Optional<DBProxy> proxy =
                aws
                        .client(RdsClient.class, region)
                        .describeDBProxiesPaginator(r -> r.maxRecords(100))
                        .dbProxies()
                        .stream()
                        .filter(p -> arn.value().equals(p.dbProxyArn()))
                        .findFirst();
        if (proxy.isEmpty()) {
            return Optional.empty();
        }
        ResourceArn named = new ResourceArn(arn.value(), arn.type(), proxy.get().dbProxyName());
        return handler("AWS::RDS::DBProxy", ResourceArn::resource).delete(region, named, tags);
    }

    /**
     * {@code first} on the EC2 resource the ARN names (by its last segment), then the delete of the
     * engine's handler of {@code handlerKind}.
     */
    private Deleter ec2First(BiConsumer<Ec2Client, String> first, String handlerKind) {
        return (region, arn, tags) -> {
            first.accept(aws.client(Ec2Client.class, region), arn.lastSegment());
            return handler(handlerKind, ResourceArn::lastSegment).delete(region, arn, tags);
        };
    }

    /** A route table's subnet associations (not the VPC's main one) go before it. */
    private static void disassociateSubnets(Ec2Client ec2, String routeTableId) {
        ec2.describeRouteTables(r -> r.routeTableIds(routeTableId)).routeTables().stream()
                .flatMap(t -> t.associations().stream())
                .filter(a -> !Boolean.TRUE.equals(a.main()))
                .map(RouteTableAssociation::routeTableAssociationId)
                .forEach(association -> ec2.disassociateRouteTable(r -> r.associationId(association)));
    }

    /** An internet gateway is detached from its VPC before it goes. */
    private static void detachFromVpcs(Ec2Client ec2, String gatewayId) {
        ec2.describeInternetGateways(r -> r.internetGatewayIds(gatewayId)).internetGateways().stream()
                .flatMap(g -> g.attachments().stream())
                .forEach(a -> ec2.detachInternetGateway(
                        r -> r.internetGatewayId(gatewayId).vpcId(a.vpcId())));
    }
}
