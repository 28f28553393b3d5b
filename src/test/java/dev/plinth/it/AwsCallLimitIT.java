package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.AwsProperties;
import dev.plinth.aws.RetryProperties;
import dev.plinth.engine.StepError;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.MotoServer;
import dev.plinth.testing.Waits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The bound on concurrent calls per AWS service, seen from the wire: the real SDK clients call the
 * emulator through a proxy that slows every call and counts how many of each service are there at once.
 */
class AwsCallLimitIT {

    private static final MotoServer MOTO = MotoServer.shared();

    private final ExecutorService callers = Executors.newFixedThreadPool(20);
    private FaultProxy proxy;
    private AwsClients aws;

    @BeforeEach
    void slowEmulator() {
        MOTO.reset();
        proxy = FaultProxy.to(MOTO.endpoint());
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        aws.close();
        proxy.close();
    }

    @Test
    void eachServiceHasAtMostItsLimitOfCallsInFlightAndTheServicesDoNotShareIt() {
        proxy.slowEveryCall(Duration.ofMillis(300));
        aws = clients(3, Duration.ofSeconds(30));

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(CompletableFuture.runAsync(
                    () -> aws.client(Ec2Client.class, "eu-central-1").describeVpcs(), callers));
            calls.add(CompletableFuture.runAsync(
                    () -> aws.client(RdsClient.class, "eu-central-1").describeDBInstances(), callers));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        assertThat(proxy.calls()).hasSize(20);
        // ten callers each: the limit was reached, never passed, and held per service, not in total
        assertThat(proxy.mostInFlight("ec2")).isEqualTo(3);
        assertThat(proxy.mostInFlight("rds")).isEqualTo(3);
    }

    @Test
    void aCallThatWaitsTooLongForItsTurnIsNotSentAndFailsAsRetryable() throws Exception {
        proxy.slowEveryCall(Duration.ofSeconds(2));
        aws = clients(1, Duration.ofMillis(200));

        CompletableFuture<?> first = CompletableFuture.runAsync(
                () -> aws.client(Ec2Client.class, "eu-central-1").describeVpcs(), callers);
        Waits.until(Duration.ofSeconds(5), () -> proxy.mostInFlight("ec2"), n -> n > 0, "the first call on the wire");
        Throwable refused =
                catchThrowable(() -> aws.client(Ec2Client.class, "eu-central-1").describeSubnets());
        first.get();

        StepError error = new AwsErrors(RetryProperties.AS_AWS).classify(refused);
        assertThat(error.kind()).isEqualTo(StepError.Kind.RETRYABLE);
        assertThat(error.message()).contains("1 calls to Ec2 already in flight");
        assertThat(proxy.calls()).extracting(FaultProxy.Call::action).containsExactly("DescribeVpcs");
        // and the slot was given back: the next call goes through
        aws.client(Ec2Client.class, "eu-central-1").describeSubnets();
        assertThat(proxy.count("DescribeSubnets")).isEqualTo(1);
    }

    private AwsClients clients(int limit, Duration wait) {
        return new AwsClients(new AwsProperties(proxy.endpoint(), 1, limit, wait), new SimpleMeterRegistry());
    }
}
