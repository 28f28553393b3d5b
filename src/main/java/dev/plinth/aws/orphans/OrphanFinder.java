package dev.plinth.aws.orphans;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.orphans.Orphan.EnvironmentState;
import dev.plinth.engine.Tags;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/**
 * Finds orphans: everything the Resource Groups Tagging API lists in a region with
 * {@code plinth:managed-by=plinth} whose {@code plinth:environment-id} names an environment that is
 * DELETED, or none this database knows. Resources of live environments (any other status) are not
 * orphans, nor are resources tagged {@code plinth:retained=true}, which an environment keeps on purpose.
 */
@Component
public class OrphanFinder {

    private static final int PAGE_SIZE = 100;
    private static final String FINAL_SNAPSHOT = "rds:snapshot";

    private final AwsClients aws;
    private final EnvironmentRepository environments;
    private final OrphanDeleters deleters;

    OrphanFinder(AwsClients aws, EnvironmentRepository environments, OrphanDeleters deleters) {
        this.aws = aws;
        this.environments = environments;
        this.deleters = deleters;
    }

    /** The orphans of a region, in deletion order (what depends on others first, VPCs last), then by ARN. */
    public List<Orphan> find(String region) {
        List<ResourceTagMapping> tagged = managedBy(aws.client(ResourceGroupsTaggingApiClient.class, region));
        Map<String, Optional<EnvironmentStatus>> statuses = new HashMap<>();
        List<Orphan> orphans = new ArrayList<>();
        for (ResourceTagMapping mapping : tagged) {
            Map<String, String> tags =
                    mapping.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, TreeMap::new));
            if (Tags.RETAINED_VALUE.equalsIgnoreCase(tags.get(Tags.RETAINED))) {
                continue;
            }
            String environmentId = tags.get(Tags.ENVIRONMENT_ID);
            Optional<EnvironmentStatus> status = environmentId == null
                    ? Optional.empty()
                    : statuses.computeIfAbsent(
                            environmentId, id -> environments.findById(id).map(Environment::status));
            if (status.isPresent() && status.get() != EnvironmentStatus.DELETED) {
                continue;
            }
            ResourceArn arn = ResourceArn.parse(mapping.resourceARN());
            if (arn.type().equals(FINAL_SNAPSHOT)) {
                continue; // left by teardown on purpose (database.onDelete snapshot), with the instance's tags
            }
            orphans.add(new Orphan(
                    arn.value(),
                    arn.type(),
                    environmentId,
                    status.isPresent() ? EnvironmentState.DELETED : EnvironmentState.UNKNOWN,
                    plinthTags(tags)));
        }
        orphans.removeAll(deletedNatGateways(region, orphans));
        orphans.sort(Comparator.comparingInt((Orphan o) -> deleters.rank(o.resourceType()))
                .thenComparing(Orphan::arn));
        return orphans;
    }

    private static List<ResourceTagMapping> managedBy(ResourceGroupsTaggingApiClient tagging) {
        List<ResourceTagMapping> all = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetResourcesResponse response = tagging.getResources(
                    r -> r.tagFilters(f -> f.key(Tags.MANAGED_BY).values(Tags.MANAGED_BY_VALUE))
                            .resourcesPerPage(PAGE_SIZE)
                            .paginationToken(page));
            all.addAll(response.resourceTagMappingList());
            token = response.paginationToken();
        } while (token != null && !token.isEmpty());
        return all;
    }

    private static Map<String, String> plinthTags(Map<String, String> tags) {
        Map<String, String> kept = new TreeMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith("plinth:") || key.equals(Tags.NAME)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /**
     * NOTE: a deleted NAT gateway stays listed, with its tags, in state {@code deleted} for about an hour
     * (in the emulator, for good): it is gone, not an orphan.
     */
    private List<Orphan> deletedNatGateways(String region, List<Orphan> orphans) {
        Map<String, Orphan> byId = new HashMap<>();
        orphans.stream()
                .filter(o -> o.resourceType().equals(OrphanDeleters.NAT_GATEWAY))
                .forEach(o -> byId.put(ResourceArn.parse(o.arn()).resource(), o));
        if (byId.isEmpty()) {
            return List.of();
        }
        Set<String> deleted = aws
                .client(Ec2Client.class, region)
                .describeNatGateways(r -> r.filter(f -> f.name("nat-gateway-id").values(byId.keySet())))
                .natGateways()
                .stream()
                .filter(n -> n.state() == NatGatewayState.DELETED)
                .map(NatGateway::natGatewayId)
                .collect(Collectors.toSet());
        return deleted.stream().map(byId::get).toList();
    }
}
