package dev.plinth.aws.preflight;

import dev.plinth.aws.network.NetworkLayer;
import dev.plinth.engine.HandlerRegistry;
import dev.plinth.engine.ResourceGraph;
import dev.plinth.engine.ResourceNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The quotas a resource graph would use, each read with what the account uses of it now. */
@Component
class QuotaChecks {

    private final HandlerRegistry handlers;
    private final QuotaReader quotas;

    QuotaChecks(HandlerRegistry handlers, QuotaReader quotas) {
        this.handlers = handlers;
        this.quotas = quotas;
    }

    /** One check per quota the graph uses, finding where it would be crossed. */
    List<Check> of(ResourceGraph graph, String region, List<String> zones) {
        List<Check> checks = new ArrayList<>();
        for (AccountQuota quota : AccountQuota.values()) {
            Map<String, ResourceNode> needing = needing(graph, quota, region, zones);
            if (needing.isEmpty()) {
                continue;
            }
            int needed = quota.perZone ? 1 : ofKind(graph, quota.kind).size(); // one NAT gateway per zone that has one
            checks.add(new Check(
                    needing.values().iterator().next().key().value(),
                    "read quota " + quota.code + " (" + quota.title + ") and its use in " + region,
                    () -> {
                        double limit = quotas.limit(quota, region);
                        Map<String, Integer> used = quotas.used(quota, region);
                        List<Finding> found = new ArrayList<>();
                        needing.forEach((where, node) -> new QuotaUse(
                                        quota,
                                        where,
                                        limit,
                                        used.getOrDefault(where, 0),
                                        needed,
                                        node.key().value())
                                .finding()
                                .ifPresent(found::add));
                        return found;
                    }));
        }
        return checks;
    }

    /** Where the graph uses the quota (the Region, or each zone), and the first resource using it there. */
    private Map<String, ResourceNode> needing(
            ResourceGraph graph, AccountQuota quota, String region, List<String> zones) {
        Map<String, ResourceNode> needing = new LinkedHashMap<>();
        if (quota.perZone) {
            zones.stream()
                    .filter(zone -> graph.contains(NetworkLayer.natGateway(zone)))
                    .forEach(zone -> needing.put(zone, graph.node(NetworkLayer.natGateway(zone))));
        } else {
            ofKind(graph, quota.kind).stream().findFirst().ifPresent(node -> needing.put(region, node));
        }
        return needing;
    }

    private List<ResourceNode> ofKind(ResourceGraph graph, String kind) {
        return graph.nodes().stream()
                .filter(n -> handlers.kindOf(n).name().equals(kind))
                .toList();
    }
}
