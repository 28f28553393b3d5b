package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.environment.RegionCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;
import software.amazon.awssdk.services.ec2.model.Filter;

/** The availability zones of each region, as this account sees them, kept for an hour. */
@Component
class Ec2RegionCatalog implements RegionCatalog {

    private static final Duration KEEP = Duration.ofHours(1);

    private record Entry(List<String> zones, Instant readAt) {}

    private final RegionalClient<Ec2Client> ec2;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    Ec2RegionCatalog(RegionalClient<Ec2Client> ec2, Clock clock) {
        this.ec2 = ec2;
        this.clock = clock;
    }

    @Override
    public List<String> availabilityZones(String region) {
        Entry entry = cache.get(region);
        if (entry == null || entry.readAt().plus(KEEP).isBefore(clock.instant())) {
            entry = new Entry(read(region), clock.instant());
            cache.put(region, entry);
        }
        return entry.zones();
    }

    /** Zones proper (not Local or Wavelength Zones) that are available, by name. */
    private List<String> read(String region) {
        try {
            return ec2
                    .in(region)
                    .describeAvailabilityZones(r -> r.filters(
                            Filter.builder().name("state").values("available").build()))
                    .availabilityZones()
                    .stream()
                    .filter(z -> z.state() == null || z.state() == AvailabilityZoneState.AVAILABLE)
                    .filter(z -> z.zoneType() == null || "availability-zone".equals(z.zoneType()))
                    .map(AvailabilityZone::zoneName)
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw new RegionUnavailableException(
                    "could not read the availability zones of " + region + " from AWS: " + e.getMessage(), e);
        }
    }
}
