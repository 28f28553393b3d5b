package dev.plinth.aws.preflight;

import com.github.benmanes.caffeine.cache.Cache;
import dev.plinth.aws.AwsClients;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.RdsClient;
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

    /** The zones where RDS offers a class for an engine in a Region: empty when none. */
    private record Offer(String engine, String instanceClass, String region) {}

    private final AwsClients aws;
    private final Cache<Offer, Set<String>> offers;

    OrderableOptions(AwsClients aws, PreflightProperties properties) {
        this.aws = aws;
        this.offers = properties.answers(1_000);
    }

    /**
     * An {@code UNAVAILABLE} finding when some zone lacks the class; {@code UNCHECKED} when RDS lists
     * nothing at all for the engine (an emulator, a Region without RDS), which is no answer.
     */
    Optional<Finding> check(DatabaseSpec database, String region, List<String> zones, String resource) {
        DatabaseEngine wanted = database.engine();
        String instanceClass = database.instanceClass();
        if (wanted == null || instanceClass == null) {
            return Optional.empty(); // a spec with its defaults has both
        }
        String engine = wanted.wireName();
        Set<String> offeredIn = offers.get(new Offer(engine, instanceClass, region), this::zonesOffered);
        List<String> missing = new ArrayList<>(zones);
        missing.removeAll(offeredIn);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        if (offeredIn.isEmpty() && listsNothingFor(engine, region)) {
            // AWS lists hundreds of options for each engine plinth offers: an answer with none says nothing
            return Optional.of(Finding.unchecked(
                    resource,
                    "read the orderable options of " + instanceClass + " in " + region,
                    "RDS lists no orderable option at all for " + engine));
        }
        String where = offeredIn.isEmpty() ? "in " + region : "in " + String.join(", ", missing) + " of " + region;
        return Optional.of(new Finding(
                Finding.Type.UNAVAILABLE,
                resource,
                "RDS does not offer %s for %s %s".formatted(instanceClass, engine, where),
                "choose another database.instanceClass: aws rds describe-orderable-db-instance-options --engine %s --region %s"
                                .formatted(engine, region)
                        + " lists the classes offered and their zones"));
    }

    /** Every page: one option per engine version, storage type and licence, each with its zones. */
    private Set<String> zonesOffered(Offer offer) {
        Set<String> zones = new HashSet<>();
        for (OrderableDBInstanceOption option : aws.client(RdsClient.class, offer.region())
                .describeOrderableDBInstanceOptionsPaginator(r -> r.engine(offer.engine())
                        .dbInstanceClass(offer.instanceClass())
                        .vpc(true))
                .orderableDBInstanceOptions()) {
            option.availabilityZones().stream().map(AvailabilityZone::name).forEach(zones::add);
        }
        return Set.copyOf(zones);
    }

    private boolean listsNothingFor(String engine, String region) {
        return aws.client(RdsClient.class, region)
                .describeOrderableDBInstanceOptions(r -> r.engine(engine).maxRecords(20))
                .orderableDBInstanceOptions()
                .isEmpty();
    }
}
