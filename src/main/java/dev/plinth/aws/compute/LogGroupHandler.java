package dev.plinth.aws.compute;

import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.TagChanges;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * The log group the app's containers write to, with a retention period. Its name is unique per
 * region (AWS answers ResourceAlreadyExists), so it is found again by name; its physical id is the name.
 */
@Component
class LogGroupHandler extends TaggedAwsHandler<LogGroupHandler.Desired, CloudWatchLogsClient> {

    record Desired(String name, int retentionDays) implements ResourceDesired {}

    static final String RETENTION = "retentionInDays";
    /** DescribeLogGroups' {@code arn} ends with this; IAM statements and the contract want the ARN without it. */
    private static final String ALL_STREAMS = ":*";

    LogGroupHandler(RegionalClient<CloudWatchLogsClient> client) {
        super(client, Desired.class, "AWS::Logs::LogGroup", LogGroupHandler::retag, attribute(ComputeLayer.ARN));
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        CloudWatchLogsClient logs = client(context);
        return logs.describeLogGroups(r -> r.logGroupNamePrefix(desired.name())).logGroups().stream()
                .filter(g -> g.logGroupName().equals(desired.name()))
                .findFirst()
                .map(group -> {
                    String arn = arnOf(group);
                    var differences = new ArrayList<>(context.tagDifferences(
                            logs.listTagsForResource(r -> r.resourceArn(arn)).tags()));
                    Differences.compare(differences, RETENTION, desired.retentionDays(), group.retentionInDays());
                    return new Observation(
                            group.logGroupName(), Readiness.READY, differences, Map.of(ComputeLayer.ARN, arn));
                });
    }

    private static String arnOf(LogGroup group) {
        if (group.logGroupArn() != null) {
            return group.logGroupArn();
        }
        String arn = group.arn();
        return arn.endsWith(ALL_STREAMS) ? arn.substring(0, arn.length() - ALL_STREAMS.length()) : arn;
    }

    /** Two calls: CreateLogGroup takes no retention. A retention lost between them shows as a difference. */
    @Override
    public String create(ResourceContext context, Desired desired) {
        CloudWatchLogsClient logs = client(context);
        logs.createLogGroup(r -> r.logGroupName(desired.name()).tags(context.tags()));
        logs.putRetentionPolicy(r -> r.logGroupName(desired.name()).retentionInDays(desired.retentionDays()));
        return desired.name();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagThenChange(
                context,
                observed,
                RETENTION,
                logs -> logs.putRetentionPolicy(
                        r -> r.logGroupName(observed.physicalId()).retentionInDays(desired.retentionDays())));
    }

    /**
     * NOTE: the tag calls take the log group's ARN without the {@code :*} DescribeLogGroups' {@code arn}
     * ends with; TagResource overwrites the value of a key the group has, UntagResource of a key it
     * does not have is no error.
     */
    static void retag(CloudWatchLogsClient logs, String arn, TagChanges changes) {
        changes.apply(
                keys -> logs.untagResource(r -> r.resourceArn(arn).tagKeys(keys)),
                tags -> logs.tagResource(r -> r.resourceArn(arn).tags(tags)));
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteLogGroup(r -> r.logGroupName(observed.physicalId()));
    }
}
