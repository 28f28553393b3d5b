package dev.plinth.aws.database;

import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.ServiceTags;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.TagChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * A DynamoDB table: on-demand capacity, a string partition key, encrypted with the AWS-managed KMS
 * key. Named after the environment, so a lost create is found by name.
 */
@Component
class DynamoDbTableHandler extends TaggedAwsHandler<DynamoDbTableHandler.Desired, DynamoDbClient> {

    /** @param partitionKey the name of the string partition key */
    record Desired(String partitionKey) implements ResourceDesired {}

    /** How DynamoDB spells a tag. */
    private static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    static final String BILLING_MODE = "billingMode";
    static final String ENCRYPTION = "sseSpecification";

    /** States the table does not leave by itself. */
    private static final Set<TableStatus> FAILED =
            Set.of(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, TableStatus.ARCHIVING, TableStatus.ARCHIVED);

    private static final String DELETING = TableStatus.DELETING.toString();
    private static final Duration POLL = Duration.ofSeconds(5);

    DynamoDbTableHandler(RegionalClient<DynamoDbClient> client) {
        super(client, Desired.class, "AWS::DynamoDB::Table", DynamoDbTableHandler::retag, attribute(DataLayer.ARN));
    }

    /** Table names allow letters, digits, {@code _ - .}, 3 to 255 characters: the environment's names fit. */
    static String name(ResourceContext context) {
        return context.knownId().orElse(context.name());
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String name = name(context);
        return Describe.optional(() -> Optional.of(
                        client(context).describeTable(r -> r.tableName(name)).table()))
                .map(table -> new Observation(
                        table.tableName(), readiness(table), differences(context, table), attributes(table)));
    }

    /** NOTE: ListTagsOfResource answers in pages, each with a NextToken until the last. */
    private Map<String, String> tagsOf(ResourceContext context, String arn) {
        var tags = new LinkedHashMap<String, String>();
        String token = null;
        do {
            String from = token;
            ListTagsOfResourceResponse page =
                    client(context).listTagsOfResource(r -> r.resourceArn(arn).nextToken(from));
            page.tags().forEach(t -> tags.put(t.key(), t.value()));
            token = page.nextToken();
        } while (token != null);
        return tags;
    }

    private static Readiness readiness(TableDescription table) {
        if (table.tableStatus() == TableStatus.ACTIVE) {
            return Readiness.READY;
        }
        if (FAILED.contains(table.tableStatus())) {
            return Readiness.failed("table " + table.tableName() + " is " + table.tableStatusAsString());
        }
        return Readiness.pending(table.tableStatusAsString(), POLL);
    }

    /** What UpdateTable can change, and the tags, once the table is active; its key cannot be changed. */
    private List<Difference> differences(ResourceContext context, TableDescription table) {
        if (table.tableStatus() != TableStatus.ACTIVE) {
            return List.of();
        }
        var differences = new ArrayList<>(context.tagDifferences(tagsOf(context, table.tableArn())));
        // NOTE: a table that has only ever been provisioned reports no billing mode summary at all
        BillingMode billing = table.billingModeSummary() == null
                ? BillingMode.PROVISIONED
                : table.billingModeSummary().billingMode();
        if (billing != BillingMode.PAY_PER_REQUEST) {
            differences.add(
                    new Difference(BILLING_MODE, BillingMode.PAY_PER_REQUEST.toString(), String.valueOf(billing)));
        }
        SSEStatus sse =
                table.sseDescription() == null ? null : table.sseDescription().status();
        if (sse != SSEStatus.ENABLED && sse != SSEStatus.ENABLING && sse != SSEStatus.UPDATING) {
            differences.add(new Difference(ENCRYPTION, "KMS", String.valueOf(sse)));
        }
        return differences;
    }

    private static Map<String, String> attributes(TableDescription table) {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put(DataLayer.TABLE_NAME, table.tableName());
        if (table.tableArn() != null) {
            attributes.put(DataLayer.ARN, table.tableArn());
        }
        return attributes;
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createTable(r -> r.tableName(context.name())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                a -> a.attributeName(desired.partitionKey()).attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(desired.partitionKey()).keyType(KeyType.HASH))
                        .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS))
                        .tags(TAGS.of(context)))
                .tableDescription()
                .tableName();
    }

    /**
     * NOTE: UpdateTable takes one kind of change at a time: the first difference now, the next once
     * the table is active again. The emulator accepts an encryption change and ignores it.
     */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        Optional<Difference> setting =
                retagThenSettings(context, observed).stream().findFirst();
        if (setting.isEmpty()) {
            return;
        }
        UpdateTableRequest.Builder request = UpdateTableRequest.builder().tableName(observed.physicalId());
        Difference d = setting.get();
        switch (d.attribute()) {
            case BILLING_MODE -> request.billingMode(BillingMode.PAY_PER_REQUEST);
            case ENCRYPTION -> request.sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS));
            default -> throw new IllegalArgumentException("cannot change " + d.attribute() + " of a table");
        }
        client(context).updateTable(request.build());
    }

    /**
     * NOTE: TagResource and UntagResource are limited to 5 calls a second per account (throttled
     * beyond, and retried); TagResource overwrites the value of a key the table has, UntagResource of
     * a key it does not have is no error.
     */
    static void retag(DynamoDbClient dynamoDb, String arn, TagChanges changes) {
        changes.apply(
                keys -> dynamoDb.untagResource(r -> r.resourceArn(arn).tagKeys(keys)),
                tags -> dynamoDb.tagResource(r -> r.resourceArn(arn).tags(TAGS.list(tags))));
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (pendingIn(observed, DELETING)) {
            return;
        }
        client(context).deleteTable(r -> r.tableName(observed.physicalId()));
    }
}
