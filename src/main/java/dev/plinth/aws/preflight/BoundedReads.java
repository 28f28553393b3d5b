package dev.plinth.aws.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Makes the checks' reads together, {@code plinth.preflight.concurrency} at a time, within
 * {@code plinth.preflight.budget}. A read that fails, or has not answered when the budget is spent
 * (it is then interrupted), is an {@code UNCHECKED} finding saying which and why: never an error.
 */
@Component
class BoundedReads {

    private static final Logger log = LoggerFactory.getLogger(BoundedReads.class);

    private final PreflightProperties properties;

    BoundedReads(PreflightProperties properties) {
        this.properties = properties;
    }

    List<Finding> run(List<Check> checks) {
        if (checks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(properties.concurrency(), checks.size()),
                Thread.ofVirtual().name("preflight-", 0).factory());
        try {
            List<Future<List<Finding>>> futures = pool.invokeAll(
                    checks.stream().map(Check::work).toList(),
                    properties.budget().toMillis(),
                    TimeUnit.MILLISECONDS);
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                findings.addAll(outcome(checks.get(i), futures.get(i)));
            }
            return findings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return checks.stream()
                    .map(c -> Finding.unchecked(c.resource(), c.read(), "interrupted"))
                    .toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Finding> outcome(Check check, Future<List<Finding>> future) throws InterruptedException {
        try {
            return future.get();
        } catch (CancellationException e) {
            return List.of(Finding.unchecked(
                    check.resource(),
                    check.read(),
                    "no answer within " + properties.budget().toMillis() + " ms"));
        } catch (ExecutionException e) {
            log.info("preflight could not {}", check.read(), e.getCause());
            return List.of(Finding.unchecked(
                    check.resource(), check.read(), reason(Objects.requireNonNullElse(e.getCause(), e))));
        }
    }

    /** AWS's code and message, else the exception's. */
    static String reason(Throwable e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": "
                    + aws.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
