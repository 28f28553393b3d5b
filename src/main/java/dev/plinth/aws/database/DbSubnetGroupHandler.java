package dev.plinth.aws.database;

import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.Subnet;

/** The DB subnet group the instance is placed in: every private subnet, one per zone. Named after the environment. */
@Component
class DbSubnetGroupHandler extends RdsHandler<DbSubnetGroupHandler.Desired> {

    record Desired(List<ResourceKey> subnets, String description) implements ResourceDesired {

        Desired {
            subnets = List.copyOf(subnets);
        }
    }

    static final String SUBNETS = "subnetIds";
    private static final String COMPLETE = "Complete";
    private static final Duration POLL = Duration.ofSeconds(5);

    DbSubnetGroupHandler(RegionalClient<RdsClient> client) {
        super(client, Desired.class, "AWS::RDS::DBSubnetGroup");
    }

    /** NOTE: the emulator lets a second group of the same name overwrite the first: only a lookup by name finds it again. */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String name = name(context);
        return named(
                        name,
                        () -> client(context)
                                .describeDBSubnetGroups(r -> r.dbSubnetGroupName(name))
                                .dbSubnetGroups(),
                        DBSubnetGroup::dbSubnetGroupName)
                .map(group -> {
                    Set<String> expected = new TreeSet<>(subnetIds(context, desired));
                    Set<String> actual = new TreeSet<>(group.subnets().stream()
                            .map(Subnet::subnetIdentifier)
                            .toList());
                    var differences = new ArrayList<>(
                            context.tagDifferences(RdsTags.of(client(context), group.dbSubnetGroupArn())));
                    Differences.compare(differences, SUBNETS, expected, actual);
                    return new Observation(
                            group.dbSubnetGroupName(),
                            readiness(group),
                            differences,
                            Map.of(DataLayer.ARN, group.dbSubnetGroupArn()));
                });
    }

    private static Readiness readiness(DBSubnetGroup group) {
        return COMPLETE.equals(group.subnetGroupStatus())
                ? Readiness.READY
                : Readiness.pending(group.subnetGroupStatus(), POLL);
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createDBSubnetGroup(r -> r.dbSubnetGroupName(RdsNames.of(context))
                        .dbSubnetGroupDescription(desired.description())
                        .subnetIds(subnetIds(context, desired))
                        .tags(RdsTags.TAGS.of(context)))
                .dbSubnetGroup()
                .dbSubnetGroupName();
    }

    /** NOTE: the emulator's ModifyDBSubnetGroup loses the group; observe then finds nothing and it is created again. */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagThenChange(
                context,
                observed,
                SUBNETS,
                rds -> rds.modifyDBSubnetGroup(r -> r.dbSubnetGroupName(observed.physicalId())
                        .dbSubnetGroupDescription(desired.description())
                        .subnetIds(subnetIds(context, desired))));
    }

    /** NOTE: AWS refuses while an instance still uses the group (the graph deletes the instance first); the emulator does not. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteDBSubnetGroup(r -> r.dbSubnetGroupName(observed.physicalId()));
    }

    private static List<String> subnetIds(ResourceContext context, Desired desired) {
        return desired.subnets().stream().map(context::idOf).toList();
    }

    @Override
    public void markRetained(ResourceContext context, Desired desired, Observation observed) {
        RdsTags.markRetained(client(context), observed.attributes().get(DataLayer.ARN));
    }
}
