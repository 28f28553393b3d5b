package dev.plinth.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call the service makes (after the SDK's own retries), as {@code plinth.aws.calls}
 * tagged with the service, the operation, the outcome ({@code ok} or {@code error}) and the AWS error
 * code ({@code none} when it succeeded; the exception's class when AWS never answered): how busy each
 * API is, what fails, and which operations the IAM policy must allow.
 */
final class AwsCallMetrics implements ExecutionInterceptor {

    static final String METRIC = "plinth.aws.calls";
    static final String NO_ERROR = "none";

    private final MeterRegistry registry;

    AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "ok", NO_ERROR);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String code = context.exception() instanceof AwsServiceException aws
                        && aws.awsErrorDetails() != null
                        && aws.awsErrorDetails().errorCode() != null
                ? aws.awsErrorDetails().errorCode()
                : context.exception().getClass().getSimpleName();
        count(attributes, "error", code);
    }

    private void count(ExecutionAttributes attributes, String outcome, String errorCode) {
        Counter.builder(METRIC)
                .description("AWS API calls made by plinth, after the SDK's retries")
                .tag("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
                .tag("operation", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
                .tag("outcome", outcome)
                .tag("error.code", errorCode)
                .register(registry)
                .increment();
    }
}
