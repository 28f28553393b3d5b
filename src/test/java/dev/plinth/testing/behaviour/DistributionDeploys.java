package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFront distribution is {@code InProgress} for many minutes after it is created or changed
 * (disabling it included) before it is {@code Deployed}; the emulator deploys it within a few reads.
 * AWS refuses to delete one that is not deployed yet (DistributionNotDisabled). Source: the CloudFront
 * API reference, DeleteDistribution (disable it, wait until its status is Deployed, then delete) and
 * Distribution.Status; the DistributionDeployed waiter of the AWS CLI looks every 60 seconds for 35
 * minutes; terraform-provider-aws issue 8175 measures 8 to 20 minutes.
 */
final class DistributionDeploys implements Behaviour {

    static final String IN_PROGRESS = "InProgress";

    private static final Duration DEPLOY = Duration.ofMinutes(15);
    private static final Pattern CREATE = Pattern.compile("POST /\\d{4}-\\d{2}-\\d{2}/distribution");
    private static final Pattern UPDATE = Pattern.compile("PUT /\\d{4}-\\d{2}-\\d{2}/distribution/([^/]+)/config");
    private static final Pattern DELETE = Pattern.compile("DELETE /\\d{4}-\\d{2}-\\d{2}/distribution/([^/]+)");
    private static final Pattern READ = Pattern.compile("GET /\\d{4}-\\d{2}-\\d{2}/distribution(/[^/]+)?");

    private final Timeline timeline;

    DistributionDeploys(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "cloudfront-deploys";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        Matcher delete = DELETE.matcher(call.action());
        if (call.service().equals("cloudfront") && delete.matches() && timeline.isIn(delete.group(1), IN_PROGRESS)) {
            return Optional.of(new AwsError(
                    409,
                    "DistributionNotDisabled",
                    "The distribution you are trying to delete has not been disabled."));
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("cloudfront") || !answer.ok()) {
            return answer;
        }
        String action = call.action();
        Matcher update = UPDATE.matcher(action);
        boolean create = CREATE.matcher(action).matches();
        if (update.matches()) {
            timeline.start(update.group(1), new Phase(IN_PROGRESS, DEPLOY));
        } else if (!create && !READ.matcher(action).matches()) {
            return answer;
        }
        XmlAnswer xml = XmlAnswer.of(answer);
        xml.forEachItem("Id", (id, item) -> {
            if (create && "Distribution".equals(item.getLocalName())) {
                timeline.start(id, new Phase(IN_PROGRESS, DEPLOY));
            }
            timeline.stateOf(id).ifPresent(state -> XmlAnswer.set(item, "Status", state));
        });
        return answer.withText(xml.text());
    }

    @Override
    public void reset() {
        timeline.reset();
    }
}
