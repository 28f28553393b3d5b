package dev.plinth.aws.alarms;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.ServiceTags;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.ResourceRecord;
import dev.plinth.engine.StepRefusedException;
import dev.plinth.engine.TagChanges;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * One CloudWatch metric alarm: a metric of the load balancer, the service or the database instance
 * against a fixed threshold, one datapoint of five minutes, missing data not breaching. Its name is
 * unique per account and region and is its physical id; PutMetricAlarm is an upsert, so the name is
 * looked up first and an alarm of that name that another environment made is never taken over.
 *
 * <p>No actions: the alarms change state and nothing else; notification targets (SNS topics) come
 * with a later issue.
 */
@Component
class AlarmHandler extends TaggedAwsHandler<AlarmHandler.Desired, CloudWatchClient> {

    /**
     * A metric dimension whose value another resource publishes.
     *
     * @param name      the CloudWatch dimension name, for example {@code LoadBalancer}
     * @param source    the resource that publishes the value
     * @param attribute the name of the attribute it publishes it under
     */
    record MetricDimension(String name, ResourceKey source, String attribute) {}

    /**
     * One alarm as data.
     *
     * @param suffix     the alarm's name after the environment's name, and its resource key's last part
     * @param comparison the alarm fires when {@code <statistic> <comparison> threshold}
     */
    record Desired(
            String suffix,
            String namespace,
            String metric,
            Statistic statistic,
            ComparisonOperator comparison,
            double threshold,
            List<MetricDimension> dimensions)
            implements ResourceDesired {

        Desired {
            dimensions = List.copyOf(dimensions);
        }

        /** Of each resource the dimensions take a value of, the attribute that value is. */
        Map<ResourceKey, String> dimensionValues() {
            return dimensions.stream()
                    .collect(Collectors.toMap(MetricDimension::source, MetricDimension::attribute, (a, b) -> {
                        if (!a.equals(b)) {
                            throw new IllegalStateException(
                                    suffix + " takes two values of one resource: " + a + ", " + b);
                        }
                        return a;
                    }));
        }

        /** The resources whose attributes the dimensions take. */
        Set<ResourceKey> sources() {
            var sources = new LinkedHashSet<ResourceKey>();
            dimensions.forEach(d -> sources.add(d.source()));
            return sources;
        }

        /** For people reading the alarm in the console: {@code CPUUtilization Average > 80 for 1 datapoint within 5 minutes}. */
        String description() {
            return metric + " " + statistic + " " + symbol(comparison) + " " + number(threshold) + " for "
                    + DATAPOINTS_TO_ALARM + " datapoint within " + PERIOD_SECONDS / 60 + " minutes";
        }
    }

    /** How CloudWatch spells a tag. */
    private static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    static final int PERIOD_SECONDS = 300;
    static final int EVALUATION_PERIODS = 1;
    static final int DATAPOINTS_TO_ALARM = 1;
    static final String TREAT_MISSING_DATA = "notBreaching";

    static final String NAMESPACE = "namespace";
    static final String METRIC = "metricName";
    static final String STATISTIC = "statistic";
    static final String COMPARISON = "comparisonOperator";
    static final String THRESHOLD = "threshold";
    static final String PERIOD = "period";
    static final String EVALUATION = "evaluationPeriods";
    static final String DATAPOINTS = "datapointsToAlarm";
    static final String MISSING_DATA = "treatMissingData";
    static final String DIMENSIONS = "dimensions";

    AlarmHandler(RegionalClient<CloudWatchClient> client) {
        super(client, Desired.class, "AWS::CloudWatch::Alarm", AlarmHandler::retag, attribute(AlarmsLayer.ARN));
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        CloudWatchClient cloudWatch = client(context);
        return byName(cloudWatch, name(context, desired))
                .flatMap(alarm -> tagsOf(cloudWatch, alarm)
                        .filter(context::owns)
                        .map(tags -> {
                            var differences = new ArrayList<>(context.tagDifferences(tags));
                            dimensionValues(context, desired)
                                    .ifPresent(values -> differences.addAll(differences(desired, values, alarm)));
                            return new Observation(
                                    alarm.alarmName(),
                                    Readiness.READY,
                                    differences,
                                    Map.of(AlarmsLayer.ARN, alarm.alarmArn()));
                        }));
    }

    /**
     * What differs between the alarm as AWS has it and as desired, the dimension values already
     * resolved ({@code name=value}).
     */
    static List<Difference> differences(Desired desired, Set<String> dimensions, MetricAlarm alarm) {
        var differences = new ArrayList<Difference>();
        Differences.compareText(differences, NAMESPACE, desired.namespace(), alarm.namespace());
        Differences.compareText(differences, METRIC, desired.metric(), alarm.metricName());
        Differences.compareText(differences, STATISTIC, desired.statistic().toString(), alarm.statisticAsString());
        Differences.compareText(
                differences, COMPARISON, desired.comparison().toString(), alarm.comparisonOperatorAsString());
        if (alarm.threshold() == null || Double.compare(alarm.threshold(), desired.threshold()) != 0) {
            differences.add(new Difference(
                    THRESHOLD,
                    number(desired.threshold()),
                    alarm.threshold() == null ? null : number(alarm.threshold())));
        }
        Differences.compareText(differences, PERIOD, String.valueOf(PERIOD_SECONDS), string(alarm.period()));
        Differences.compareText(
                differences, EVALUATION, String.valueOf(EVALUATION_PERIODS), string(alarm.evaluationPeriods()));
        Differences.compareText(
                differences, DATAPOINTS, String.valueOf(DATAPOINTS_TO_ALARM), string(alarm.datapointsToAlarm()));
        Differences.compareText(differences, MISSING_DATA, TREAT_MISSING_DATA, alarm.treatMissingData());
        var actual = new TreeSet<String>();
        alarm.dimensions().forEach(d -> actual.add(d.name() + "=" + d.value()));
        Differences.compareText(differences, DIMENSIONS, new TreeSet<>(dimensions).toString(), actual.toString());
        return differences;
    }

    /**
     * NOTE: PutMetricAlarm replaces an alarm of the same name without a word, and the emulator keeps
     * no other guard either; so an existing alarm of this name is adopted only when it carries this
     * environment's tags.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        CloudWatchClient cloudWatch = client(context);
        String name = name(context, desired);
        Optional<MetricAlarm> existing = byName(cloudWatch, name);
        if (existing.isPresent()) {
            if (owns(cloudWatch, context, existing.get())) {
                return name;
            }
            throw new StepRefusedException(
                    "NameTaken", "the alarm name " + name + " is taken by an alarm this environment did not make");
        }
        cloudWatch.putMetricAlarm(
                request(context, desired).tags(TAGS.of(context)).build());
        return name;
    }

    /**
     * PutMetricAlarm again, with the whole definition: it replaces every setting it is not given.
     * NOTE: AWS ignores the Tags of a PutMetricAlarm that updates an alarm, so none are sent: tags
     * change by {@link #retag}.
     */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        if (!retaggedOnly(context, observed)) {
            client(context).putMetricAlarm(request(context, desired).build());
        }
    }

    /**
     * NOTE: TagResource overwrites the value of a key the alarm has; UntagResource of a key it does not
     * have is no error.
     */
    static void retag(CloudWatchClient cloudWatch, String arn, TagChanges changes) {
        changes.apply(
                keys -> cloudWatch.untagResource(r -> r.resourceARN(arn).tagKeys(keys)),
                tags -> cloudWatch.tagResource(r -> r.resourceARN(arn).tags(TAGS.list(tags))));
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteAlarms(r -> r.alarmNames(observed.physicalId()));
    }

    /** The alarm's name, {@code <environment name>-<suffix>}. */
    static String name(ResourceContext context, Desired desired) {
        return AlarmsLayer.alarmName(context.environmentName(), desired.suffix());
    }

    private static PutMetricAlarmRequest.Builder request(ResourceContext context, Desired desired) {
        List<Dimension> dimensions = desired.dimensions().stream()
                .map(d -> Dimension.builder()
                        .name(d.name())
                        .value(context.attributeOf(d.source(), d.attribute()))
                        .build())
                .toList();
        return PutMetricAlarmRequest.builder()
                .alarmName(name(context, desired))
                .alarmDescription(desired.description())
                .namespace(desired.namespace())
                .metricName(desired.metric())
                .statistic(desired.statistic())
                .comparisonOperator(desired.comparison())
                .threshold(desired.threshold())
                .period(PERIOD_SECONDS)
                .evaluationPeriods(EVALUATION_PERIODS)
                .datapointsToAlarm(DATAPOINTS_TO_ALARM)
                .treatMissingData(TREAT_MISSING_DATA)
                .dimensions(dimensions);
    }

    /**
     * The dimensions as {@code name=value}, or empty when a resource they come from has not published
     * its attribute (in a teardown after a failed build, say): then nothing can be compared, and
     * deleting must not depend on it.
     */
    private static Optional<Set<String>> dimensionValues(ResourceContext context, Desired desired) {
        var values = new TreeSet<String>();
        for (MetricDimension d : desired.dimensions()) {
            ResourceRecord source = context.dependencies().get(d.source());
            String value = source == null ? null : source.attributes().get(d.attribute());
            if (value == null) {
                return Optional.empty();
            }
            values.add(d.name() + "=" + value);
        }
        return Optional.of(values);
    }

    private static Optional<MetricAlarm> byName(CloudWatchClient cloudWatch, String name) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().stream()
                .filter(a -> a.alarmName().equals(name))
                .findFirst();
    }

    /** Whether the alarm carries this environment's and this key's tags. */
    private static boolean owns(CloudWatchClient cloudWatch, ResourceContext context, MetricAlarm alarm) {
        return tagsOf(cloudWatch, alarm).filter(context::owns).isPresent();
    }

    /** The alarm's tags; empty when it was deleted between the two calls. */
    private static Optional<Map<String, String>> tagsOf(CloudWatchClient cloudWatch, MetricAlarm alarm) {
        try {
            return Optional.of(TAGS.map(cloudWatch
                    .listTagsForResource(r -> r.resourceARN(alarm.alarmArn()))
                    .tags()));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String string(Integer value) {
        return value == null ? null : value.toString();
    }

    /** {@code 25}, {@code 0.5}, {@code 2147483648}: no trailing zeros, no exponent. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String symbol(ComparisonOperator comparison) {
        return switch (comparison) {
            case GREATER_THAN_THRESHOLD -> ">";
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> ">=";
            case LESS_THAN_THRESHOLD -> "<";
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "<=";
            default -> comparison.toString();
        };
    }
}
