package dev.plinth.environment;

import java.util.List;

/** What AWS says about a region, for checking a spec before accepting it. */
public interface RegionCatalog {

    /**
     * The names of the region's available availability zones, in a stable order.
     *
     * @throws RegionUnavailableException when AWS cannot be asked
     */
    List<String> availabilityZones(String region);

    /** AWS could not be reached to check the spec. */
    class RegionUnavailableException extends RuntimeException {
        public RegionUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
