package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.ok;
import static dev.plinth.testing.behaviour.Answers.rest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistributionDeploysTest {

    private static final String DISTRIBUTION =
            "<Distribution xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                    + "<Id>E1ABC</Id><Status>Deployed</Status><DistributionConfig><Origins><Items><Origin><Id>alb</Id>"
                    + "</Origin></Items></Origins></DistributionConfig></Distribution>";
    private static final AwsCall CREATE = rest("cloudfront", "POST", "/2020-05-31/distribution", "WithTags", "<x/>");
    private static final AwsCall GET = rest("cloudfront", "GET", "/2020-05-31/distribution/E1ABC", null, "");
    private static final AwsCall DELETE = rest("cloudfront", "DELETE", "/2020-05-31/distribution/E1ABC", null, "");

    @Test
    void aNewOrChangedDistributionIsInProgressAndCannotBeDeletedYet() {
        var aws = new DistributionDeploys(AwsTime.scaled(1));
        aws.after(CREATE, ok(DISTRIBUTION));
        assertThat(aws.after(GET, ok(DISTRIBUTION)).text()).contains("<Status>InProgress</Status>");
        assertThat(aws.before(DELETE)).get().extracting(AwsError::code).isEqualTo("DistributionNotDisabled");

        var changed = new DistributionDeploys(AwsTime.scaled(1));
        changed.after(
                rest("cloudfront", "PUT", "/2020-05-31/distribution/E1ABC/config", null, "<x/>"), ok(DISTRIBUTION));
        assertThat(changed.after(GET, ok(DISTRIBUTION)).text()).contains("<Status>InProgress</Status>");
    }

    @Test
    void onceDeployedItMayBeDeleted() {
        var aws = new DistributionDeploys(AwsTime.scaled(0));
        aws.after(CREATE, ok(DISTRIBUTION));
        assertThat(aws.after(GET, ok(DISTRIBUTION)).text()).contains("<Status>Deployed</Status>");
        assertThat(aws.before(DELETE)).isEmpty();
    }
}
