package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwsBehavioursTest {

    private static final AwsCall CREATE_GROUP = new AwsCall(
            "ec2",
            "eu-central-1",
            "CreateSecurityGroup",
            Protocol.EC2,
            "POST",
            "/",
            null,
            "Action=CreateSecurityGroup&GroupName=sg-web&Version=2016-11-15");

    /** Lets the first call through, refuses the rest, and rewrites every answer it sees. */
    private static final class Counting implements Behaviour {
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger rewritten = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Optional<AwsError> before(AwsCall call) {
            return seen.incrementAndGet() > 1
                    ? Optional.of(AwsError.client("LimitExceeded", "no more"))
                    : Optional.empty();
        }

        @Override
        public AwsAnswer after(AwsCall call, AwsAnswer answer) {
            rewritten.incrementAndGet();
            return answer.withText("rewritten");
        }

        @Override
        public void reset() {
            seen.set(0);
        }
    }

    @Test
    void aBehaviourSwitchedOffNeitherRefusesNorRewrites() {
        var counting = new Counting();
        var layer = AwsBehaviours.of(counting);
        assertThat(layer.before(CREATE_GROUP)).isEmpty();
        assertThat(layer.before(CREATE_GROUP)).get().extracting(AwsError::code).isEqualTo("LimitExceeded");

        layer.off("counting");
        assertThat(layer.before(CREATE_GROUP)).isEmpty();
        assertThat(layer.after(CREATE_GROUP, new AwsAnswer(200, Map.of(), "kept".getBytes()))
                        .text())
                .isEqualTo("kept");
        assertThat(counting.rewritten).hasValue(0);

        layer.reset();
        assertThat(layer.before(CREATE_GROUP))
                .as("on again, and its memory forgotten")
                .isEmpty();
        assertThat(layer.after(CREATE_GROUP, new AwsAnswer(200, Map.of(), "kept".getBytes()))
                        .text())
                .isEqualTo("rewritten");
    }

    @Test
    void anUnknownNameIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> AwsBehaviours.of(new Counting()).off("countng"))
                .hasMessageContaining("no behaviour named countng");
        assertThatThrownBy(() -> AwsBehaviours.of(new Counting(), new Counting()))
                .hasMessageContaining("two behaviours named counting");
    }

    @Test
    void aCallReadsItsQueryAndListParameters() {
        var call = new AwsCall(
                "elasticloadbalancing",
                "eu-central-1",
                "CreateLoadBalancer",
                Protocol.QUERY,
                "POST",
                "/",
                null,
                "Action=CreateLoadBalancer&Name=web%2Dalb&Subnets.member.1=subnet-a&Subnets.member.2=subnet-b");
        assertThat(call.param("Name")).isEqualTo("web-alb");
        assertThat(call.params("Subnets.member")).isEqualTo(List.of("subnet-a", "subnet-b"));
        assertThat(call.param("Scheme")).isNull();
    }
}
