package dev.plinth.aws.database;

import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.environment.RegionCatalog.RegionUnavailableException;
import dev.plinth.environment.SnapshotCatalog;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** DB snapshots as RDS describes them, asked once per check (snapshots come and go). */
@Component
class RdsSnapshotCatalog implements SnapshotCatalog {

    private final RegionalClient<RdsClient> rds;

    RdsSnapshotCatalog(RegionalClient<RdsClient> rds) {
        this.rds = rds;
    }

    @Override
    public Optional<String> engineOf(String region, String snapshot) {
        try {
            return find(rds.in(region), snapshot).map(DBSnapshot::engine);
        } catch (SdkException e) {
            throw new RegionUnavailableException(
                    "could not read DB snapshot " + snapshot + " in " + region + " from AWS: " + e.getMessage(), e);
        }
    }

    /** The DB snapshot of this identifier or ARN, if RDS has it. */
    static Optional<DBSnapshot> find(RdsClient rds, String snapshot) {
        return Describe.optional(
                () -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshot)).dbSnapshots().stream()
                        .filter(s -> snapshot.equalsIgnoreCase(s.dbSnapshotIdentifier())
                                || snapshot.equalsIgnoreCase(s.dbSnapshotArn()))
                        .findFirst());
    }
}
