package dev.plinth.testing.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What RDS offers in a Region ("DescribeOrderableDBInstanceOptions", RDS API reference: an option per
 * engine version and class, with the zones it is offered in). The emulator answers only for Aurora
 * PostgreSQL and Neptune, and nothing for PostgreSQL and MySQL; AWS offers the common classes in every
 * zone of a Region. So this answers the class asked for, of the engine asked for, in every zone letter a
 * Region may have (a listing without a class: a few common classes), except where a test withdrew it: a
 * class a Region does not have (db.r7i in some), or one some zones lack.
 */
public final class OrderableInstanceOptions implements Behaviour {

    private static final List<String> ZONE_LETTERS = List.of("a", "b", "c", "d", "e", "f");
    /** What a listing without a class answers: classes every Region offers for PostgreSQL and MySQL. */
    private static final List<String> COMMON_CLASSES =
            List.of("db.t4g.micro", "db.t4g.small", "db.m7g.large", "db.r7g.large");

    private record Withdrawn(String instanceClass, String zone) {}

    private static final String EVERY_ZONE = "*";

    private final Set<Withdrawn> withdrawn = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "rds-orderable-options";
    }

    /** From now on no zone offers the class. */
    public void withdraw(String instanceClass) {
        withdrawn.add(new Withdrawn(instanceClass, EVERY_ZONE));
    }

    /** From now on the zone ({@code eu-central-1b}) does not offer the class. */
    public void withdraw(String instanceClass, String zone) {
        withdrawn.add(new Withdrawn(instanceClass, zone));
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.is("rds", "DescribeOrderableDBInstanceOptions")) {
            return answer;
        }
        String asked = call.param("DBInstanceClass");
        String options = (asked != null ? List.of(asked) : COMMON_CLASSES)
                .stream()
                        .map(instanceClass ->
                                option(call.param("Engine"), instanceClass, zones(call.region(), instanceClass)))
                        .collect(Collectors.joining());
        String xml = """
                <DescribeOrderableDBInstanceOptionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">\
                <DescribeOrderableDBInstanceOptionsResult><OrderableDBInstanceOptions>%s</OrderableDBInstanceOptions>\
                </DescribeOrderableDBInstanceOptionsResult><ResponseMetadata><RequestId>orderable-options</RequestId>\
                </ResponseMetadata></DescribeOrderableDBInstanceOptionsResponse>""".formatted(options);
        return new AwsAnswer(200, Map.of("Content-Type", List.of("text/xml")), xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The zones of the Region that offer the class. */
    private List<String> zones(String region, String instanceClass) {
        if (withdrawn.contains(new Withdrawn(instanceClass, EVERY_ZONE))) {
            return List.of();
        }
        return ZONE_LETTERS.stream()
                .map(letter -> region + letter)
                .filter(zone -> !withdrawn.contains(new Withdrawn(instanceClass, zone)))
                .toList();
    }

    /** One option, or none where no zone offers the class. */
    private static String option(String engine, String instanceClass, List<String> zones) {
        return zones.isEmpty()
                ? ""
                : """
                <OrderableDBInstanceOption><Engine>%s</Engine><DBInstanceClass>%s</DBInstanceClass>\
                <AvailabilityZones>%s</AvailabilityZones><MultiAZCapable>true</MultiAZCapable><Vpc>true</Vpc>\
                <StorageType>gp3</StorageType></OrderableDBInstanceOption>""".formatted(
                                engine,
                                instanceClass,
                                zones.stream()
                                        .map(z -> "<AvailabilityZone><Name>" + z + "</Name></AvailabilityZone>")
                                        .collect(Collectors.joining()));
    }

    @Override
    public void reset() {
        withdrawn.clear();
    }
}
