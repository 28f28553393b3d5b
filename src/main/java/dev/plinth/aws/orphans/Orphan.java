package dev.plinth.aws.orphans;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A resource tagged {@code plinth:managed-by=plinth} whose environment is gone or was never known here.
 *
 * @param arn               its ARN
 * @param resourceType      the tagging API's type, {@code service:kind}: {@code ec2:vpc}, {@code rds:db} …
 * @param environmentId     its {@code plinth:environment-id} tag, or null when it has none
 * @param environmentStatus {@link EnvironmentState#DELETED} or {@link EnvironmentState#UNKNOWN}
 * @param tags              its {@code plinth:*} tags and its {@code Name} tag (no client tags)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Orphan(
        String arn,
        String resourceType,
        @Nullable String environmentId,
        EnvironmentState environmentStatus,
        Map<String, String> tags) {

    public Orphan {
        tags = Map.copyOf(tags);
    }

    /** Why a resource's environment does not claim it any more. */
    public enum EnvironmentState {
        /** The environment was deleted; this resource was left behind (or made again) after it. */
        DELETED,
        /** No environment with this id is in the database (another installation's, or its record was lost). */
        UNKNOWN
    }
}
