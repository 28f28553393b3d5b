package dev.plinth.aws;

import dev.plinth.engine.ErrorClassifier;
import dev.plinth.engine.StepError;
import dev.plinth.engine.StepRefusedException;
import dev.plinth.engine.StepError.Kind;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one place that decides which AWS errors are retried, waited out, treated as gone, or final. */
@Component
public class AwsErrors implements ErrorClassifier {

    /** Throttling codes the SDK does not already recognise by status. */
    static final Set<String> THROTTLING = Set.of(
            "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
            "RequestThrottled", "RequestThrottledException", "SlowDown", "PriorRequestNotComplete");

    /** Server-side trouble that passes. */
    static final Set<String> TRANSIENT = Set.of(
            "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "RequestTimeout",
            "RequestTimeoutException",
            // CloudFront: the ETag changed between read and write; the next pass reads the new one
            "PreconditionFailed");

    /** Something else still uses the resource; it goes away when that something does. */
    static final Set<String> DEPENDENCY = Set.of(
            "DependencyViolation", "InvalidIPAddress.InUse", "ResourceInUse", "ResourceInUseException",
            "FileSystemInUse", "InvalidDBInstanceState", "DistributionNotDisabled", "OriginAccessControlInUse",
            "BucketNotEmpty",
            // ECS: a deleted service drains, then its tasks deprovision, before its cluster can go
            // (terraform-provider-aws ecs/cluster.go retries both for 10 minutes)
            "ClusterContainsServicesException", "ClusterContainsTasksException");

    /** "Not found" codes that do not follow the {@code *.NotFound} / {@code *NotFound*} pattern. */
    static final Set<String> NOT_FOUND = Set.of("Gateway.NotAttached");

    @Override
    public StepError classify(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof AwsServiceException aws) {
            String code = code(aws);
            String message = aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null
                    ? aws.awsErrorDetails().errorMessage() : aws.getMessage();
            return new StepError(kindOf(aws, code), code, message);
        }
        if (e instanceof StepRefusedException refused) {
            return new StepError(Kind.TERMINAL, refused.code(), refused.getMessage());
        }
        if (e instanceof SdkClientException client) {
            return new StepError(Kind.RETRYABLE, "ClientError", client.getMessage());
        }
        return new StepError(Kind.TERMINAL, "InternalError", e.toString());
    }

    /** True for any of AWS's many ways of saying "no such resource". */
    public static boolean isNotFound(Throwable e) {
        return e instanceof AwsServiceException aws && isNotFoundCode(code(aws));
    }

    /** True when AWS answered with this error code. */
    public static boolean hasCode(Throwable e, String code) {
        return e instanceof AwsServiceException aws && code.equals(code(aws));
    }

    private static Kind kindOf(AwsServiceException aws, String code) {
        if (isNotFoundCode(code)) {
            return Kind.NOT_FOUND;
        }
        if (aws.isThrottlingException() || THROTTLING.contains(code) || TRANSIENT.contains(code) || aws.statusCode() >= 500) {
            return Kind.RETRYABLE;
        }
        if (DEPENDENCY.contains(code)) {
            return Kind.DEPENDENCY;
        }
        return Kind.TERMINAL;
    }

    /** {@code *.NotFound}, {@code *NotFound}, {@code *NotFoundException}, {@code *NotFoundFault}, and S3/CloudFront/IAM's {@code NoSuch*}. */
    private static boolean isNotFoundCode(String code) {
        return code.endsWith(".NotFound") || code.endsWith("NotFound") || code.endsWith("NotFoundException")
                || code.endsWith("NotFoundFault") || code.startsWith("NoSuch") || NOT_FOUND.contains(code);
    }

    private static String code(AwsServiceException aws) {
        String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        return code == null ? "HTTP" + aws.statusCode() : code;
    }
}
