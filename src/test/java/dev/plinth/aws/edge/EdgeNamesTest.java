package dev.plinth.aws.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.ResourceContext;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EdgeNamesTest {

    private static final String ID = "3f2c8d0e-6a1b-4c9e-9d7a-2b5e8f1a4c6d";
    private static final String OTHER_ID = "4f2c8d0e-6a1b-4c9e-9d7a-2b5e8f1a4c6d";
    private static final String LONGEST = "a-very-long-environment-name-of-forty-ch";

    static Stream<Arguments> environments() {
        return Stream.of(Arguments.of("shop"), Arguments.of(LONGEST), Arguments.of("abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void bucketNamesAreValidGloballyUniqueAndStable(String environment) {
        String name = Edge.bucketName(environment, ID);

        assertThat(name)
                .startsWith("plinth-" + environment.substring(0, Math.min(environment.length(), 10)))
                .hasSizeLessThanOrEqualTo(63)
                .hasSizeGreaterThanOrEqualTo(3)
                .matches("[a-z0-9][a-z0-9-]*[a-z0-9]")
                .doesNotContain("--");
        assertThat(name).isEqualTo(Edge.bucketName(environment, ID));
        assertThat(name).isNotEqualTo(Edge.bucketName(environment, OTHER_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void originAccessControlNamesFit64Characters(String environment) {
        String name = Edge.originAccessControlName(context(environment, ID));

        assertThat(name)
                .hasSizeLessThanOrEqualTo(64)
                .startsWith(environment.substring(0, Math.min(environment.length(), 30)));
        assertThat(name).isNotEqualTo(Edge.originAccessControlName(context(environment + "x", ID)));
        if (environment.length() + "-cdn-origin-access-control".length() <= 64) {
            assertThat(name).isEqualTo(environment + "-cdn-origin-access-control");
        } else {
            assertThat(name).isNotEqualTo(Edge.originAccessControlName(context(environment, OTHER_ID)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void theCommentNamesTheEnvironmentWithin128Characters(String environment) {
        assertThat(Edge.comment(context(environment, ID)))
                .hasSizeLessThanOrEqualTo(128)
                .contains(environment)
                .contains(ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regions")
    void bucketAddressesFollowTheRegionsPartition(String region, String domain, String arn) {
        assertThat(Edge.regionalDomainName("b", region)).isEqualTo(domain);
        assertThat(Edge.bucketArn("b", region)).isEqualTo(arn);
    }

    static Stream<Arguments> regions() {
        return Stream.of(
                Arguments.of("eu-central-1", "b.s3.eu-central-1.amazonaws.com", "arn:aws:s3:::b"),
                Arguments.of("us-east-1", "b.s3.us-east-1.amazonaws.com", "arn:aws:s3:::b"),
                Arguments.of("cn-north-1", "b.s3.cn-north-1.amazonaws.com.cn", "arn:aws-cn:s3:::b"),
                Arguments.of("us-gov-west-1", "b.s3.us-gov-west-1.amazonaws.com", "arn:aws-us-gov:s3:::b"));
    }

    private static ResourceContext context(String environment, String id) {
        return ResourceContext.of(
                id, environment, "eu-central-1", EdgeLayer.ORIGIN_ACCESS_CONTROL, null, Map.of(), Map.of());
    }
}
