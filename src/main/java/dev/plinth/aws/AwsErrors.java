package dev.plinth.aws;

import dev.plinth.engine.ErrorClassifier;
import dev.plinth.engine.StepError;
import dev.plinth.engine.StepRefusedException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place that decides which AWS errors are retried, waited out, treated as gone, or final: by the
 * rules of the {@link RetryPolicy}, their waits scaled by {@link RetryProperties#timeScale()}.
 */
@Component
public class AwsErrors implements ErrorClassifier {

    private static final String SDK_SERVICES = "software.amazon.awssdk.services.";

    private final double timeScale;

    public AwsErrors(RetryProperties retry) {
        this.timeScale = retry.timeScale();
    }

    @Override
    public StepError classify(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof AwsServiceException aws) {
            String code = code(aws);
            String message = Objects.requireNonNullElse(
                    aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null
                            ? aws.awsErrorDetails().errorMessage()
                            : aws.getMessage(),
                    code);
            Optional<RetryPolicy.Rule> rule = RetryPolicy.ruleFor(
                    new RetryPolicy.Fault(service(aws), aws.statusCode(), code, message, aws.isThrottlingException()));
            return rule.map(r -> new StepError(r.kind(), code, message, r.backoff(timeScale)))
                    .orElseGet(() -> StepError.terminal(code, message));
        }
        if (e instanceof StepRefusedException refused) {
            return StepError.terminal(refused.code(), Objects.requireNonNullElse(refused.getMessage(), refused.code()));
        }
        if (e instanceof SdkClientException client) {
            return new StepError(
                    RetryPolicy.NETWORK.kind(),
                    "ClientError",
                    Objects.requireNonNullElse(client.getMessage(), client.toString()),
                    RetryPolicy.NETWORK.backoff(timeScale));
        }
        return StepError.terminal("InternalError", e.toString());
    }

    /** True for any of AWS's many ways of saying "no such resource". */
    public static boolean isNotFound(Throwable e) {
        return e instanceof AwsServiceException aws && RetryPolicy.isNotFound(code(aws));
    }

    /** True when AWS answered with this error code. */
    public static boolean hasCode(Throwable e, String code) {
        return e instanceof AwsServiceException aws && code.equals(code(aws));
    }

    /** The service, from the package of the SDK's exception class ({@code software.amazon.awssdk.services.rds.model}). */
    private static String service(AwsServiceException aws) {
        String pkg = aws.getClass().getPackageName();
        if (!pkg.startsWith(SDK_SERVICES)) {
            return "";
        }
        String rest = pkg.substring(SDK_SERVICES.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String code(AwsServiceException aws) {
        String code =
                aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        return code == null ? "HTTP" + aws.statusCode() : code;
    }
}
