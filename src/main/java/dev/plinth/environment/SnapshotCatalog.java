package dev.plinth.environment;

import java.util.Optional;

/** What AWS says about a DB snapshot, for checking {@code database.restoreFromSnapshot} before accepting a spec. */
public interface SnapshotCatalog {

    /**
     * The engine of the DB snapshot (for example {@code postgres}), or empty when the region has no such snapshot.
     *
     * @param snapshot a DB snapshot identifier or ARN
     * @throws RegionCatalog.RegionUnavailableException when AWS cannot be asked
     */
    Optional<String> engineOf(String region, String snapshot);
}
