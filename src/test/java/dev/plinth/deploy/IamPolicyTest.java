package dev.plinth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import tools.jackson.databind.JsonNode;

/**
 * The service's IAM policy is well formed and least-privilege in form, and allows every AWS operation
 * the sources call. (IamPolicyCoverageIT checks the same against the calls the end-to-end tests
 * actually made.)
 */
class IamPolicyTest {

    /** IAM's limit for all inline policies of one role, in characters other than white space. */
    private static final int INLINE_POLICY_LIMIT = 10_240;

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+\\*?");

    private final IamPolicy policy = IamPolicy.load();

    @Test
    void isAnIamPolicyDocumentOfAllowStatementsWithSids() {
        JsonNode document = policy.document();
        assertThat(document.path("Version").asString()).isEqualTo("2012-10-17");
        assertThat(document.path("Statement").isArray()).isTrue();
        List<JsonNode> statements = policy.statements();
        assertThat(statements).isNotEmpty();

        Set<String> sids = new HashSet<>();
        for (JsonNode statement : statements) {
            String sid = statement.path("Sid").asString("");
            assertThat(sid).as("every statement has a Sid (letters and digits): %s", statement).matches("[A-Za-z0-9]+");
            assertThat(sids.add(sid)).as("Sid %s is unique", sid).isTrue();
            assertThat(statement.path("Effect").asString()).as(sid).isEqualTo("Allow");
            assertThat(statement.has("NotAction") || statement.has("NotResource") || statement.has("Principal"))
                    .as("%s uses only Action and Resource", sid).isFalse();
            assertThat(IamPolicy.actions(statement)).as("%s has actions", sid).isNotEmpty();
            assertThat(statement.has("Resource")).as("%s has a Resource", sid).isTrue();
        }
    }

    @Test
    void namesEveryActionWithoutServiceWideWildcards() {
        for (JsonNode statement : policy.statements()) {
            String sid = statement.path("Sid").asString();
            List<String> actions = IamPolicy.actions(statement);
            for (String action : actions) {
                assertThat(action).as("%s: an action, not a wildcard", sid).isNotEqualTo("*");
                assertThat(action).as("%s: one action of one service", sid).matches(ACTION);
                assertThat(action).as("%s: no service-wide wildcard", sid).doesNotEndWith(":*");
                if (action.endsWith("*")) {
                    assertThat(action.substring(action.indexOf(':') + 1))
                            .as("%s: a wildcard only for read-only calls without resource-level permissions", sid)
                            .matches("(Describe|List)[A-Za-z]*\\*");
                }
            }
            assertThat(actions.stream().map(a -> a.substring(0, a.indexOf(':'))).distinct())
                    .as("%s groups the actions of one service", sid).hasSize(1);
            assertThat(Set.copyOf(actions)).as("%s names each action once", sid).hasSameSizeAs(actions);
        }
    }

    @Test
    void scopesWhatCanBeScoped() {
        JsonNode passRole = policy.statements().stream()
                .filter(s -> IamPolicy.actions(s).contains("iam:PassRole")).findFirst().orElseThrow();
        assertThat(passRole.path("Resource").asString()).isEqualTo("arn:aws:iam::*:role/plinth-*");
        assertThat(passRole.at("/Condition/StringEquals/iam:PassedToService").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("ecs-tasks.amazonaws.com", "rds.amazonaws.com");

        for (JsonNode statement : policy.statements()) {
            List<String> actions = IamPolicy.actions(statement);
            // the preflight reads service-linked roles, which only AWS changes, by name
            if (actions.stream().anyMatch(a -> a.startsWith("iam:") && a.contains("Role") && !a.equals("iam:CreateServiceLinkedRole"))
                    && !statement.path("Resource").asString().equals("arn:aws:iam::*:role/aws-service-role/*")) {
                assertThat(statement.path("Resource").asString()).as(statement.path("Sid").asString())
                        .isEqualTo("arn:aws:iam::*:role/plinth-*");
            }
            if (actions.stream().anyMatch(a -> a.startsWith("s3:"))) {
                assertThat(statement.path("Resource").asString()).as(statement.path("Sid").asString())
                        .startsWith("arn:aws:s3:::plinth-");
            }
        }
    }

    @Test
    void fitsTheInlinePolicySizeOfARole() {
        long characters = policy.text().chars().filter(c -> !Character.isWhitespace(c)).count();
        assertThat(characters).isLessThanOrEqualTo(INLINE_POLICY_LIMIT);
    }

    @Test
    void allowsEveryOperationTheSourcesCall() throws IOException {
        Map<String, Set<String>> called = SourceCalls.find(Path.of("src/main/java/dev/plinth/aws"));
        assertThat(called.values().stream().mapToInt(Set::size).sum())
                .as("operations found in the sources: %s", called).isGreaterThan(140);

        Map<String, List<String>> missing = new TreeMap<>();
        called.forEach((service, operations) -> operations.forEach(operation -> {
            List<String> notAllowed = IamActions.required(service, operation).stream()
                    .filter(action -> !policy.allows(action)).toList();
            if (!notAllowed.isEmpty()) {
                missing.put(service + " " + operation, notAllowed);
            }
        }));
        assertThat(missing).as("SDK operations in the sources whose IAM actions %s does not allow", IamPolicy.FILE).isEmpty();
    }

    /**
     * Least privilege the other way round: the policy names no action that no call of the sources needs,
     * except the one for service-linked roles, which AWS asks for only in an account that does not have
     * them yet.
     */
    @Test
    void allowsNothingTheSourcesDoNotNeed() throws IOException {
        Set<String> needed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        SourceCalls.find(Path.of("src/main/java/dev/plinth/aws")).forEach((service, operations) ->
                operations.forEach(operation -> needed.addAll(IamActions.required(service, operation))));
        needed.add("iam:CreateServiceLinkedRole");

        Set<String> unneeded = policy.statements().stream()
                .flatMap(s -> IamPolicy.actions(s).stream())
                .filter(action -> needed.stream().noneMatch(n -> IamPolicy.matches(action, n)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unneeded).as("actions in %s that no call of the sources needs", IamPolicy.FILE).isEmpty();
    }

    @Test
    void matchesActionsAsIamDoes() {
        assertThat(IamPolicy.matches("ec2:Describe*", "ec2:DescribeVpcs")).isTrue();
        assertThat(IamPolicy.matches("EC2:describevpcs", "ec2:DescribeVpcs")).isTrue();
        assertThat(IamPolicy.matches("ec2:Describe?pcs", "ec2:DescribeVpcs")).isTrue();
        assertThat(IamPolicy.matches("ec2:Describe*", "ec2:CreateVpc")).isFalse();
        assertThat(IamPolicy.matches("s3:ListBucket", "s3:ListBucketVersions")).isFalse();
        assertThat(IamPolicy.matches("s3:Get.*", "s3:GetObject")).as("a dot is no wildcard").isFalse();
    }

    /**
     * The SDK operations the sources call, by SDK service: in each file, the calls (and method
     * references) named like an operation of an SDK client the file uses, that is whose package it
     * imports or whose accessor of {@code AwsClients} it calls. (Jackson's {@code putObject("name")}
     * is not S3's PutObject: an SDK operation takes a request, never a string.)
     */
    static final class SourceCalls {

        private record Client(String service, String accessor, Class<?> type) {
            String pkg() {
                return type.getPackageName();
            }
        }

        private static final List<Client> CLIENTS = List.of(
                new Client("Ec2", "ec2", Ec2Client.class),
                new Client("Rds", "rds", RdsClient.class),
                new Client("Iam", "iam", IamClient.class),
                new Client("SecretsManager", "secretsManager", SecretsManagerClient.class),
                new Client("DynamoDb", "dynamoDb", DynamoDbClient.class),
                new Client("Efs", "efs", EfsClient.class),
                new Client("Ecs", "ecs", EcsClient.class),
                new Client("ElasticLoadBalancingV2", "elb", ElasticLoadBalancingV2Client.class),
                new Client("CloudWatchLogs", "logs", CloudWatchLogsClient.class),
                new Client("ApplicationAutoScaling", "autoScaling", ApplicationAutoScalingClient.class),
                new Client("CloudFront", "cloudFront", CloudFrontClient.class),
                new Client("S3", "s3", S3Client.class),
                new Client("CloudWatch", "cloudWatch", CloudWatchClient.class),
                new Client("Sts", "sts", StsClient.class),
                new Client("ResourceGroupsTaggingApi", "tagging", ResourceGroupsTaggingApiClient.class),
                new Client("ServiceQuotas", "serviceQuotas", ServiceQuotasClient.class));

        private static final Set<String> NOT_OPERATIONS = Set.of("builder", "create", "close", "serviceName",
                "serviceClientConfiguration", "waiter", "utilities");

        /** A call or method reference; group 2 marks a first argument that is a string literal, which no SDK operation takes. */
        private static final Pattern CALL = Pattern.compile("(?:\\.|::)\\s*([a-z][A-Za-z0-9]*)\\b(\\s*\\(\\s*\")?");

        static Map<String, Set<String>> find(Path sources) throws IOException {
            Map<String, Set<String>> found = new TreeMap<>();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                String code = Files.readString(file);
                for (Client client : CLIENTS) {
                    if (!code.contains("import " + client.pkg() + ".") && !code.contains("aws." + client.accessor() + "(")) {
                        continue;
                    }
                    Set<String> operations = operations(client.type());
                    Matcher m = CALL.matcher(code);
                    while (m.find()) {
                        if (operations.contains(m.group(1)) && m.group(2) == null) {
                            found.computeIfAbsent(client.service(), s -> new TreeSet<>()).add(capitalized(m.group(1)));
                        }
                    }
                }
            }
            return found;
        }

        private static Set<String> operations(Class<?> client) {
            return Stream.of(client.getMethods())
                    .filter(m -> m.getDeclaringClass() == client && !Modifier.isStatic(m.getModifiers()))
                    .map(Method::getName)
                    .filter(name -> !NOT_OPERATIONS.contains(name) && !name.endsWith("Paginator"))
                    .collect(Collectors.toSet());
        }

        private static String capitalized(String name) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }
}
