package dev.plinth.aws;

import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts what happens inside one AWS call, from the metrics the SDK collects for it: the attempts
 * its retry strategy added ({@code plinth.aws.retries}) and the attempts AWS answered with throttling
 * ({@code plinth.aws.throttles}), tagged with the service and the operation. One per client, which
 * knows its service by the name {@code plinth.aws.calls} uses (the SDK's metrics name it differently).
 */
final class AwsAttemptMetrics implements MetricPublisher {

    /** The SDK's error type of an attempt that was throttled ({@code SdkErrorType.THROTTLING}, an internal class). */
    private static final String THROTTLING = "Throttling";

    private final MeterRegistry registry;
    private final String service;

    AwsAttemptMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    @Override
    public void publish(MetricCollection call) {
        String operation = call.metricValues(CoreMetric.OPERATION_NAME).stream()
                .findFirst()
                .orElse("unknown");
        int retries = call.metricValues(CoreMetric.RETRY_COUNT).stream()
                .mapToInt(Integer::intValue)
                .sum();
        if (retries > 0) {
            registry.counter("plinth.aws.retries", "service", service, "operation", operation)
                    .increment(retries);
        }
        long throttled = call.childrenWithName("ApiCallAttempt")
                .filter(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
                .count();
        if (throttled > 0) {
            registry.counter("plinth.aws.throttles", "service", service, "operation", operation)
                    .increment(throttled);
        }
    }

    @Override
    public void close() {}
}
