package dev.plinth.aws.orphans;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What one pass of {@code POST /orphans/delete} did to one orphan.
 *
 * @param outcome what happened
 * @param code    the AWS error code, for {@code in-use} and {@code failed}; null otherwise
 * @param message AWS's message (or what plinth is waiting for), for {@code in-use} and {@code failed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeletionResult(
        String arn,
        String resourceType,
        Outcome outcome,
        @Nullable String code,
        @Nullable String message) {

    /** The answer for one ARN. */
    public enum Outcome {
        /** AWS accepted the delete, or no longer had the resource. Some kinds take minutes to go (RDS). */
        DELETED,
        /** Something else still uses it (a subnet with interfaces, a VPC with subnets, an enabled distribution): call again. */
        IN_USE,
        /** AWS refused for another reason (access denied, throttled after retries …); {@code code} says which. */
        FAILED;

        /** {@code in-use}, as the API writes it. */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
