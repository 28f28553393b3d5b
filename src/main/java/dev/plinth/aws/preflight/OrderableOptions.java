package dev.plinth.aws.preflight;

import dev.plinth.aws.AwsClients;
import dev.plinth.environment.DatabaseSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.model.AvailabilityZone;
import software.amazon.awssdk.services.rds.model.OrderableDBInstanceOption;

/**
 * Whether RDS offers the spec's instance class for its engine, in a VPC, in every zone the
 * environment uses ("DescribeOrderableDBInstanceOptions", RDS API reference: one option per engine
 * version, class, storage type and licence, each with the zones it is offered in). plinth takes the
 * engine's default version, so the class must be offered in those zones by some version of the engine.
 */
@Component
class OrderableOptions {

    private final AwsClients aws;

    OrderableOptions(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * An {@code UNAVAILABLE} finding when some zone lacks the class; {@code UNCHECKED} when RDS lists
     * nothing at all for the engine (an emulator, a Region without RDS), which is no answer.
     */
    Optional<Finding> check(DatabaseSpec database, String region, List<String> zones, String resource) {
        String engine = database.engine().wireName();
        String instanceClass = database.instanceClass();
        List<OrderableDBInstanceOption> options = aws.rds(region).describeOrderableDBInstanceOptionsPaginator(r -> r
                .engine(engine).dbInstanceClass(instanceClass).vpc(true)).orderableDBInstanceOptions().stream().toList();
        Set<String> offeredIn = new HashSet<>();
        options.forEach(o -> o.availabilityZones().stream().map(AvailabilityZone::name).forEach(offeredIn::add));
        List<String> missing = new ArrayList<>(zones);
        missing.removeAll(offeredIn);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        if (options.isEmpty() && listsNothingFor(engine, region)) {
            // AWS lists hundreds of options for each engine plinth offers: an answer with none says nothing
            return Optional.of(Finding.unchecked(resource, "read the orderable options of " + instanceClass + " in " + region,
                    "RDS lists no orderable option at all for " + engine));
        }
        String where = options.isEmpty() ? "in " + region : "in " + String.join(", ", missing) + " of " + region;
        return Optional.of(new Finding(Finding.Type.UNAVAILABLE, resource,
                "RDS does not offer %s for %s %s".formatted(instanceClass, engine, where),
                "choose another database.instanceClass: aws rds describe-orderable-db-instance-options --engine %s --region %s"
                        .formatted(engine, region) + " lists the classes offered and their zones"));
    }

    private boolean listsNothingFor(String engine, String region) {
        return aws.rds(region).describeOrderableDBInstanceOptions(r -> r.engine(engine).maxRecords(20))
                .orderableDBInstanceOptions().isEmpty();
    }
}
