package dev.plinth.aws;

import dev.plinth.engine.Backoff;
import dev.plinth.engine.StepError.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which AWS errors pass, and how long to give each: one named rule per class of transient error, each
 * with its own bounded backoff, matched in order. An error no rule matches is final.
 */
public final class RetryPolicy {

    /**
     * An AWS error as the rules see it.
     *
     * @param service    the SDK's name of the service that answered: {@code ec2}, {@code rds}, {@code ecs},
     *                   {@code applicationautoscaling}, {@code cloudfront}…
     * @param throttling whether the SDK recognises it as throttling
     */
    public record Fault(String service, int status, String code, String message, boolean throttling) {

        boolean is(String service, String code, String messagePart) {
            return this.service.equals(service) && this.code.equals(code) && message.contains(messagePart);
        }
    }

    /** A class of transient error: what it looks like, and how it is waited out (AWS's own durations). */
    public record Rule(String name, Kind kind, Predicate<Fault> matches, Duration base, Duration cap, int maxAttempts) {

        Backoff backoff(double timeScale) {
            return new Backoff(name, scaled(base, timeScale), scaled(cap, timeScale), maxAttempts);
        }

        private static Duration scaled(Duration d, double scale) {
            return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * scale)));
        }
    }

    /** Throttling codes the SDK does not already recognise by status. */
    static final Set<String> THROTTLING = Set.of(
            "Throttling",
            "ThrottlingException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "RequestThrottled",
            "RequestThrottledException",
            "SlowDown",
            "PriorRequestNotComplete");

    /** Server-side trouble that passes. */
    static final Set<String> SERVER = Set.of(
            "InternalError",
            "InternalFailure",
            "ServiceUnavailable",
            "Unavailable",
            "RequestTimeout",
            "RequestTimeoutException");

    /** Something else still uses the resource; it goes away when that something does. */
    static final Set<String> DEPENDENCY = Set.of(
            "DependencyViolation",
            "InvalidIPAddress.InUse",
            "ResourceInUse",
            "ResourceInUseException",
            "FileSystemInUse",
            "InvalidDBInstanceState",
            "DistributionNotDisabled",
            "OriginAccessControlInUse",
            "BucketNotEmpty",
            // ECS: a deleted service drains, then its tasks deprovision, before its cluster can go
            // (terraform-provider-aws ecs/cluster.go retries both for 10 minutes)
            "ClusterContainsServicesException",
            "ClusterContainsTasksException");

    /** "Not found" codes that do not follow the {@code *.NotFound} / {@code *NotFound*} pattern. */
    static final Set<String> NOT_FOUND = Set.of("Gateway.NotAttached");

    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    /** The rule of a network error: no answer came back (a reset connection, a timeout). */
    public static final Rule NETWORK = new Rule("network", Kind.RETRYABLE, f -> false, TWO_SECONDS, A_MINUTE, 8);

    public static final List<Rule> RULES = List.of(
            // "if you run a command to modify or describe the resource that you just created, its ID might not have
            // propagated [...] you will get an error responding that the resource does not exist"; retry "starting
            // with a couple of seconds of wait time, and increasing gradually up to a few minutes" (Amazon EC2 API
            // reference, Eventual consistency). Teardown takes it as "gone"; provisioning waits it out.
            new Rule("not-found-after-create", Kind.NOT_FOUND, f -> isNotFound(f.code()), TWO_SECONDS, A_MINUTE, 8),
            // after the SDK's own retries (standard mode: at most 20 s apart), slower ones of the engine's
            new Rule(
                    "throttling",
                    Kind.RETRYABLE,
                    f -> f.throttling() || THROTTLING.contains(f.code()),
                    TWO_SECONDS,
                    A_MINUTE,
                    8),
            new Rule(
                    "server-error",
                    Kind.RETRYABLE,
                    f -> f.status() >= 500 || SERVER.contains(f.code()),
                    TWO_SECONDS,
                    A_MINUTE,
                    8),
            // a role seconds old is not yet usable by the service given it; terraform-provider-aws retries these
            // for its IAM propagationTimeout, 2 minutes: rds (every call taking a role), ecs/service.go
            // retryServiceCreate, appautoscaling/policy.go (FailedResourceAccessException "is not authorized")
            new Rule(
                    "iam-propagation",
                    Kind.RETRYABLE,
                    f -> f.is(
                                    "rds",
                                    "InvalidParameterValue",
                                    "IAM role ARN value is invalid or does not include the required permissions")
                            || f.is(
                                    "ecs",
                                    "InvalidParameterException",
                                    "verify that the ECS service role being passed has the proper permissions")
                            || f.is("ecs", "InvalidParameterException", "Unable to assume the service linked role")
                            || f.is(
                                    "applicationautoscaling",
                                    "FailedResourceAccessException",
                                    "is not authorized to perform"),
                    TWO_SECONDS,
                    Duration.ofSeconds(20),
                    10),
            // ECS sees a listener's target group a little after CreateListener; terraform-provider-aws
            // ecs/service.go retryServiceCreate retries this for 2 + 2 minutes
            new Rule(
                    "load-balancer-association",
                    Kind.RETRYABLE,
                    f -> f.is("ecs", "InvalidParameterException", "does not have an associated load balancer"),
                    TWO_SECONDS,
                    Duration.ofSeconds(30),
                    12),
            // one change at a time: Application Auto Scaling's ConcurrentUpdateException ("an update to an Application
            // Auto Scaling resource that already has a pending update"); CloudFront's PreconditionFailed (the ETag
            // changed between read and write; the next pass reads the new one)
            new Rule(
                    "concurrent-update",
                    Kind.RETRYABLE,
                    f -> f.code().equals("ConcurrentUpdateException") || f.is("cloudfront", "PreconditionFailed", ""),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(15),
                    10),
            // provisioning gives it as many attempts as a server error; teardown waits for it until its deadline
            new Rule("dependency", Kind.DEPENDENCY, f -> DEPENDENCY.contains(f.code()), TWO_SECONDS, A_MINUTE, 8));

    private RetryPolicy() {}

    /** The first rule that matches, if any. */
    public static Optional<Rule> ruleFor(Fault fault) {
        return RULES.stream().filter(r -> r.matches().test(fault)).findFirst();
    }

    /** The rule of that name. */
    public static Rule rule(String name) {
        return RULES.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retry rule named " + name));
    }

    /** {@code *.NotFound}, {@code *NotFound}, {@code *NotFoundException}, {@code *NotFoundFault}, and S3/CloudFront/IAM's {@code NoSuch*}. */
    static boolean isNotFound(String code) {
        return code.endsWith(".NotFound")
                || code.endsWith("NotFound")
                || code.endsWith("NotFoundException")
                || code.endsWith("NotFoundFault")
                || code.startsWith("NoSuch")
                || NOT_FOUND.contains(code);
    }
}
