package dev.plinth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Backoff;
import dev.plinth.engine.StepError;
import dev.plinth.engine.StepError.Kind;
import dev.plinth.engine.StepRefusedException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.rds.model.RdsException;

class RetryPolicyTest {

    private final AwsErrors errors = new AwsErrors(RetryProperties.AS_AWS);

    private static <B extends AwsServiceException.Builder> AwsServiceException error(
            B builder, int status, String code, String message) {
        builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build());
        return builder.build();
    }

    private static AwsServiceException of(String service, int status, String code, String message) {
        return switch (service) {
            case "ec2" -> error(Ec2Exception.builder(), status, code, message);
            case "rds" -> error(RdsException.builder(), status, code, message);
            case "ecs" -> error(EcsException.builder(), status, code, message);
            case "applicationautoscaling" -> error(ApplicationAutoScalingException.builder(), status, code, message);
            case "cloudfront" -> error(CloudFrontException.builder(), status, code, message);
            default -> throw new IllegalArgumentException(service);
        };
    }

    @ParameterizedTest(name = "{0} {2} → {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ec2  | 400 | InvalidVpcID.NotFound       | The vpc ID 'vpc-1' does not exist                                                    | not-found-after-create    | NOT_FOUND
            ec2  | 400 | NatGatewayNotFound          | The Nat Gateway nat-1 was not found                                                  | not-found-after-create    | NOT_FOUND
            ec2  | 503 | RequestLimitExceeded        | Request limit exceeded.                                                              | throttling                | RETRYABLE
            ecs  | 400 | ThrottlingException         | Rate exceeded                                                                        | throttling                | RETRYABLE
            rds  | 500 | InternalFailure             | An internal error occurred                                                           | server-error              | RETRYABLE
            rds  | 400 | InvalidParameterValue       | IAM role ARN value is invalid or does not include the required permissions for: x   | iam-propagation           | RETRYABLE
            ecs  | 400 | InvalidParameterException   | Unable to assume the service linked role. Please verify that the ECS service linked role exists. | iam-propagation | RETRYABLE
            applicationautoscaling | 400 | FailedResourceAccessException | User is not authorized to perform: ecs:DescribeServices | iam-propagation | RETRYABLE
            ecs  | 400 | InvalidParameterException   | The target group with targetGroupArn arn:tg does not have an associated load balancer. | load-balancer-association | RETRYABLE
            applicationautoscaling | 400 | ConcurrentUpdateException | You already have a pending update to an Auto Scaling resource. | concurrent-update | RETRYABLE
            cloudfront | 412 | PreconditionFailed    | The If-Match version is missing or not valid                                         | concurrent-update         | RETRYABLE
            ec2  | 400 | DependencyViolation         | The vpc has dependencies and cannot be deleted.                                      | dependency                | DEPENDENCY
            """)
    void eachClassOfTransientErrorHasItsRule(
            String service, int status, String code, String message, String rule, Kind kind) {
        StepError error = errors.classify(of(service, status, code, message));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.retry().rule()).isEqualTo(rule);
        assertThat(error.retry()).isEqualTo(RetryPolicy.rule(rule).backoff(1));
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            rds  | 400 | InvalidParameterValue     | Invalid DB engine version
            ecs  | 400 | InvalidParameterException | The target group does not exist
            ec2  | 400 | InvalidParameterValue     | IAM role ARN value is invalid or does not include the required permissions
            ec2  | 403 | UnauthorizedOperation     | You are not authorized to perform this operation.
            rds  | 400 | DBProxyQuotaExceededFault | quota
            """)
    void aClientErrorNoRuleNamesIsFinal(String service, int status, String code, String message) {
        StepError error = errors.classify(of(service, status, code, message));

        assertThat(error.kind()).isEqualTo(Kind.TERMINAL);
        assertThat(error.retry()).isNull();
    }

    @Test
    void aNetworkErrorIsRetriedAndARefusalIsNot() {
        assertThat(errors.classify(SdkClientException.create("Connection reset"))
                        .retry()
                        .rule())
                .isEqualTo("network");
        assertThat(errors.classify(new StepRefusedException("QuotaExceeded", "no more"))
                        .kind())
                .isEqualTo(Kind.TERMINAL);
    }

    @Test
    void everyRuleIsBoundedBothInEachWaitAndInAttempts() {
        assertThat(RetryPolicy.RULES).extracting(RetryPolicy.Rule::name).doesNotHaveDuplicates();
        for (RetryPolicy.Rule rule : RetryPolicy.RULES) {
            Backoff backoff = rule.backoff(1);
            assertThat(backoff.allowsAnother(rule.maxAttempts() - 1))
                    .as(rule.name())
                    .isTrue();
            assertThat(backoff.allowsAnother(rule.maxAttempts()))
                    .as(rule.name())
                    .isFalse();
            IntStream.rangeClosed(1, rule.maxAttempts())
                    .mapToObj(backoff::delayAfter)
                    .forEach(delay -> assertThat(delay)
                            .as(rule.name())
                            .isBetween(rule.base().dividedBy(2), rule.cap()));
            assertThat(backoff.delayAfter(rule.maxAttempts()))
                    .as("grown to its cap: " + rule.name())
                    .isGreaterThanOrEqualTo(rule.cap().dividedBy(2));
        }
    }

    @Test
    void theRulesLastAboutAsLongAsAwsTakes() {
        // terraform-provider-aws waits 2 minutes for IAM propagation and 2 + 2 for a target group's load balancer
        assertThat(longest(RetryPolicy.rule("iam-propagation"))).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(longest(RetryPolicy.rule("load-balancer-association")))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void aTimeScaleShortensEveryWaitAlike() {
        var fast = new AwsErrors(new RetryProperties(0.01));
        StepError error = fast.classify(of("ec2", 503, "RequestLimitExceeded", "Request limit exceeded."));

        assertThat(error.retry().base()).isEqualTo(Duration.ofMillis(20));
        assertThat(error.retry().cap()).isEqualTo(Duration.ofMillis(600));
        assertThat(error.retry().maxAttempts())
                .isEqualTo(RetryPolicy.rule("throttling").maxAttempts());
    }

    /** The most a rule waits in all, every wait at its longest. */
    private static Duration longest(RetryPolicy.Rule rule) {
        return IntStream.range(1, rule.maxAttempts())
                .mapToObj(a -> rule.cap().compareTo(rule.base().multipliedBy(1L << (a - 1))) < 0
                        ? rule.cap()
                        : rule.base().multipliedBy(1L << (a - 1)))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
