package dev.plinth.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * At most {@code limit} calls to one AWS service (EC2, RDS, ...) at a time from this replica,
 * however many environments are in flight: a busy tenant queues behind its own calls instead of
 * running the account into throttling for everyone. A call holds its slot for the whole execution,
 * the SDK's own retries included. A call that waits longer than {@code wait} for a slot fails with
 * an {@link SdkClientException}, which the engine classifies as retryable and reschedules.
 */
final class AwsCallLimiter implements ExecutionInterceptor {

    /** Emptied on release: a failure after success (a later interceptor throwing) must not release twice. */
    private static final ExecutionAttribute<AtomicReference<Semaphore>> HELD =
            new ExecutionAttribute<>("plinth.callSlot");

    private final int limit;
    private final Duration wait;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    AwsCallLimiter(int limit, Duration wait) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one call per service, got " + limit);
        }
        this.limit = limit;
        this.wait = wait;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        Semaphore semaphore = slots.computeIfAbsent(service, s -> new Semaphore(limit, true));
        try {
            if (!semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw SdkClientException.create("%d calls to %s already in flight for %s; this one was not sent"
                        .formatted(limit, service, wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to call " + service, e);
        }
        attributes.putAttribute(HELD, new AtomicReference<>(semaphore));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    /** Also called when {@link #beforeExecution} refused the call: then there is nothing to release. */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    private static void release(ExecutionAttributes attributes) {
        AtomicReference<Semaphore> held = attributes.getAttribute(HELD);
        Semaphore semaphore = held == null ? null : held.getAndSet(null);
        if (semaphore != null) {
            semaphore.release();
        }
    }
}
