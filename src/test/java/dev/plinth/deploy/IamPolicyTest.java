package dev.plinth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.compute.ComputeLayer;
import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.iam.IamRolePolicyHandler;
import dev.plinth.engine.ResourceNode;
import dev.plinth.engine.Tags;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.FileSystemSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import dev.plinth.testing.IamEvaluator;
import dev.plinth.testing.IamRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's IAM policies are well formed, fit IAM's limits, name what the SDK calls in the sources
 * need and no more; and, as IAM itself evaluates them ({@link IamEvaluator}), allow what AWS checks on
 * plinth's behalf and deny what plinth must not do. (IamPolicyCoverageIT evaluates every request the
 * end-to-end tests made.)
 */
class IamPolicyTest {

    /**
     * IAM quotas: a customer managed policy has at most 6,144 characters other than white space, and a
     * role at most 10 managed policies (IAM User Guide, "IAM and AWS STS quotas").
     */
    private static final int MANAGED_POLICY_LIMIT = 6_144;

    private static final int MANAGED_POLICIES_PER_ROLE = 10;

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");
    private static final String ACCOUNT = IamRequest.ACCOUNT;
    private static final String OTHER_ACCOUNT = "210987654321";
    private static final String REGION = "eu-west-1";
    /** The path of the roles plinth makes, and the boundary they carry (README, "The IAM role"). */
    private static final String PATH = "plinth/";

    private static final String BOUNDARY = "arn:aws:iam::" + ACCOUNT + ":policy/plinth/plinth-boundary";
    private static final String ADMINISTRATOR = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final Map<String, List<String>> PLINTHS =
            Map.of("aws:ResourceTag/" + Tags.MANAGED_BY, List.of(Tags.MANAGED_BY_VALUE));

    private final List<IamPolicy> policies = IamPolicy.all();
    private final IamEvaluator iam = IamEvaluator.of(IamPolicy.documents());

    @Test
    void areIamPolicyDocumentsOfAllowStatementsWithSids() {
        assertThat(policies).isNotEmpty();
        Set<String> sids = new HashSet<>();
        for (IamPolicy policy : policies) {
            JsonNode document = policy.document();
            assertThat(document.path("Version").asString()).as(policy.name()).isEqualTo("2012-10-17");
            assertThat(document.path("Statement").isArray()).as(policy.name()).isTrue();
            assertThat(policy.statements()).as(policy.name()).isNotEmpty();
            for (JsonNode statement : policy.statements()) {
                String sid = statement.path("Sid").asString("");
                assertThat(sid)
                        .as("every statement has a Sid (letters and digits): %s", statement)
                        .matches("[A-Za-z0-9]+");
                assertThat(sids.add(sid))
                        .as("Sid %s is unique across the policies", sid)
                        .isTrue();
                assertThat(statement.path("Effect").asString()).as(sid).isEqualTo("Allow");
                assertThat(statement.has("NotAction") || statement.has("NotResource") || statement.has("Principal"))
                        .as("%s uses only Action and Resource", sid)
                        .isFalse();
                assertThat(IamPolicy.actions(statement))
                        .as("%s has actions", sid)
                        .isNotEmpty();
                assertThat(statement.has("Resource"))
                        .as("%s has a Resource", sid)
                        .isTrue();
            }
        }
    }

    @Test
    void namesEveryActionWithoutWildcards() {
        for (JsonNode statement : statements()) {
            String sid = statement.path("Sid").asString();
            List<String> actions = IamPolicy.actions(statement);
            for (String action : actions) {
                assertThat(action)
                        .as("%s: one action of one service, no wildcard", sid)
                        .matches(ACTION);
            }
            assertThat(actions.stream().map(a -> a.substring(0, a.indexOf(':'))).distinct())
                    .as("%s groups the actions of one service", sid)
                    .hasSize(1);
            assertThat(Set.copyOf(actions)).as("%s names each action once", sid).hasSameSizeAs(actions);
        }
    }

    @Test
    void scopesRolesAndBucketsByName() {
        for (JsonNode statement : statements()) {
            List<String> actions = IamPolicy.actions(statement);
            // plinth's roles are on its path; the preflight reads service-linked roles, which only AWS changes: by
            // their path once they exist, by their reserved name while they do not; and a role that does not exist
            // is read by its name alone (it has no path yet)
            if (actions.stream()
                            .anyMatch(a -> a.startsWith("iam:")
                                    && a.contains("Role")
                                    && !a.equals("iam:CreateServiceLinkedRole"))
                    && !actions.equals(List.of("iam:GetRole"))) {
                assertThat(IamPolicy.resources(statement))
                        .as(statement.path("Sid").asString())
                        .allSatisfy(r -> assertThat(r).startsWith("arn:aws:iam::*:role/" + PATH + "plinth-"));
            }
            if (actions.equals(List.of("iam:GetRole"))) {
                assertThat(IamPolicy.resources(statement))
                        .as(statement.path("Sid").asString())
                        .allSatisfy(r -> assertThat(r)
                                .isIn(
                                        "arn:aws:iam::*:role/aws-service-role/*",
                                        "arn:aws:iam::*:role/AWSServiceRoleFor*",
                                        "arn:aws:iam::*:role/" + PATH + "plinth-*",
                                        "arn:aws:iam::*:role/plinth-*"));
            }
            if (actions.stream().anyMatch(a -> a.startsWith("s3:"))) {
                assertThat(IamPolicy.resources(statement))
                        .as(statement.path("Sid").asString())
                        .allSatisfy(r -> assertThat(r).startsWith("arn:aws:s3:::plinth-"));
            }
        }
    }

    @Test
    void eachDocumentFitsAManagedPolicy() {
        assertThat(policies).hasSizeLessThanOrEqualTo(MANAGED_POLICIES_PER_ROLE);
        for (IamPolicy policy : policies) {
            assertThat(policy.size())
                    .as("%s, in characters other than white space", policy.name())
                    .isLessThanOrEqualTo(MANAGED_POLICY_LIMIT);
        }
    }

    @Test
    void namesEveryActionTheSourcesCall() throws IOException {
        Map<String, Set<String>> called = SourceCalls.find(Path.of("src/main/java/dev/plinth/aws"));
        assertThat(called.values().stream().mapToInt(Set::size).sum())
                .as("operations found in the sources: %s", called)
                .isGreaterThan(140);

        Set<String> named = named();
        Map<String, List<String>> missing = new TreeMap<>();
        called.forEach((service, operations) -> operations.forEach(operation -> {
            List<String> notNamed = IamActions.required(service, operation).stream()
                    .filter(action -> !named.contains(action))
                    .toList();
            if (!notNamed.isEmpty()) {
                missing.put(service + " " + operation, notNamed);
            }
        }));
        assertThat(missing)
                .as("SDK operations in the sources whose IAM actions %s does not name", IamPolicy.FOLDER)
                .isEmpty();
    }

    /**
     * Least privilege the other way round: the policies name no action that no call of the sources needs,
     * except the one for service-linked roles, which AWS asks for only in an account that does not have
     * them yet.
     */
    @Test
    void namesNothingTheSourcesDoNotNeed() throws IOException {
        Set<String> needed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        SourceCalls.find(Path.of("src/main/java/dev/plinth/aws"))
                .forEach((service, operations) ->
                        operations.forEach(operation -> needed.addAll(IamActions.required(service, operation))));
        needed.add("iam:CreateServiceLinkedRole");

        Set<String> unneeded = new TreeSet<>(named());
        unneeded.removeAll(needed);
        assertThat(unneeded)
                .as("actions in %s that no call of the sources needs", IamPolicy.FOLDER)
                .isEmpty();
    }

    /**
     * What AWS authorises on plinth's behalf when it makes a call: the dependent actions of the Service
     * Authorization Reference and the services' permission pages, tagging while creating and after,
     * passing each role to the service that takes it, and the service-linked roles AWS creates on first use.
     */
    @Test
    void allowsWhatAwsChecksOnPlinthsBehalf() {
        List<IamRequest> requests = new ArrayList<>();
        // Elastic Load Balancing User Guide, "Elastic Load Balancing API permissions" (the 2015-12-01 API)
        for (String describe : List.of(
                "DescribeAccountAttributes",
                "DescribeAddresses",
                "DescribeInternetGateways",
                "DescribeSecurityGroups",
                "DescribeSubnets",
                "DescribeVpcs")) {
            requests.add(IamRequest.of("ec2:" + describe, "*", Map.of()));
        }
        // EFS User Guide, "Required permissions for mount targets": the mount target is an interface EFS makes as the
        // caller
        requests.add(IamRequest.of("ec2:DescribeNetworkInterfaces", "*", Map.of()));
        requests.add(IamRequest.of("ec2:CreateNetworkInterface", ec2("network-interface", "*"), Map.of()));
        requests.add(IamRequest.of("ec2:CreateNetworkInterface", ec2("subnet", "subnet-0a1b"), PLINTHS));
        requests.add(IamRequest.of("ec2:DeleteNetworkInterface", ec2("network-interface", "eni-0a1b"), Map.of()));
        requests.add(
                IamRequest.of("ec2:ModifyNetworkInterfaceAttribute", ec2("network-interface", "eni-0a1b"), Map.of()));
        // RDS User Guide, "Password management with Secrets Manager": RDS makes the secret as the caller
        requests.add(IamRequest.of(
                "secretsmanager:CreateSecret",
                "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rds!db-0a1b-Xy12Z",
                Map.of()));
        requests.add(IamRequest.of(
                "secretsmanager:TagResource",
                "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rds!db-0a1b-Xy12Z",
                Map.of()));
        // a final snapshot is one the caller takes (rds:DeleteDBInstance)
        requests.add(IamRequest.of("rds:CreateDBSnapshot", rds("snapshot", "plinth-shop-final-1"), Map.of()));
        requests.add(IamRequest.of("rds:CreateDBSnapshot", rds("db", "plinth-shop"), PLINTHS));
        // a proxy's target group is made by RDS with the proxy, and carries no tags of plinth's
        requests.add(IamRequest.of("rds:RegisterDBProxyTargets", rds("target-group", "prx-tg-0a1b"), Map.of()));
        requests.add(IamRequest.of("rds:RegisterDBProxyTargets", rds("db", "plinth-shop"), PLINTHS));
        // each role goes to the one service that assumes it: rds:CreateDBProxy, ecs:RegisterTaskDefinition
        requests.add(passRole(PATH + "plinth-shop-database-proxy", "rds.amazonaws.com")
                .with("aws:ResourceTag/" + Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE));
        requests.add(passRole(PATH + "plinth-shop-task", "ecs-tasks.amazonaws.com")
                .with("aws:ResourceTag/" + Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE));
        requests.add(passRole(PATH + "plinth-shop-task-execution", "ecs-tasks.amazonaws.com")
                .with("aws:ResourceTag/" + Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE));
        // its roles: made on its path with the boundary and its tags, changed while they keep both, read by name
        // before they exist (IamRoleHandler)
        requests.add(IamRequest.of(
                "iam:CreateRole", role(PATH + "plinth-shop-task"), withBoundary(requestTags(), BOUNDARY)));
        requests.add(IamRequest.of("iam:TagRole", role(PATH + "plinth-shop-task"), requestTags()));
        requests.add(
                IamRequest.of("iam:PutRolePolicy", role(PATH + "plinth-shop-task"), withBoundary(PLINTHS, BOUNDARY)));
        requests.add(IamRequest.of(
                "iam:PutRolePermissionsBoundary", role(PATH + "plinth-shop-task"), withBoundary(PLINTHS, BOUNDARY)));
        requests.add(IamRequest.of("iam:GetRole", role("plinth-shop-task"), Map.of()));
        requests.add(IamRequest.of("iam:GetRole", role(PATH + "plinth-shop-task"), Map.of()));
        // tagging while creating: the tag action with the create action (or the request tags) as its condition
        requests.add(IamRequest.of("ec2:CreateTags", ec2("vpc", "vpc-0a1b"), createAction("ec2", "CreateVpc")));
        requests.add(IamRequest.of(
                "ec2:CreateTags",
                ec2("security-group-rule", "sgr-0a1b"),
                createAction("ec2", "AuthorizeSecurityGroupIngress")));
        requests.add(IamRequest.of("rds:AddTagsToResource", rds("db", "plinth-shop"), requestTags()));
        requests.add(IamRequest.of("rds:AddTagsToResource", rds("subgrp", "plinth-shop"), requestTags()));
        requests.add(IamRequest.of(
                "elasticloadbalancing:AddTags",
                elb("loadbalancer/app/plinth-shop/0a1b2c3d"),
                createAction("elasticloadbalancing", "CreateLoadBalancer")));
        requests.add(IamRequest.of(
                "elasticloadbalancing:AddTags",
                elb("targetgroup/plinth-shop/0a1b2c3d"),
                createAction("elasticloadbalancing", "CreateTargetGroup")));
        requests.add(
                IamRequest.of("ecs:TagResource", ecs("cluster/plinth-shop"), createAction("ecs", "CreateCluster")));
        requests.add(
                IamRequest.of("ecs:TagResource", ecs("service/plinth-shop/app"), createAction("ecs", "CreateService")));
        requests.add(IamRequest.of(
                "ecs:TagResource",
                ecs("task-definition/plinth-shop:1"),
                createAction("ecs", "RegisterTaskDefinition")));
        requests.add(IamRequest.of(
                "elasticfilesystem:TagResource",
                efs("file-system/fs-0a1b"),
                createAction("elasticfilesystem", "CreateFileSystem")));
        requests.add(IamRequest.of(
                "elasticfilesystem:TagResource",
                efs("access-point/fsap-0a1b"),
                createAction("elasticfilesystem", "CreateAccessPoint")));
        // creating, with plinth's tags; an alarm is changed by the same call
        requests.add(IamRequest.of("ec2:CreateVpc", ec2("vpc", "*"), requestTags()));
        requests.add(IamRequest.of("ec2:CreateSubnet", ec2("subnet", "*"), requestTags()));
        requests.add(IamRequest.of("ec2:CreateSubnet", ec2("vpc", "vpc-0a1b"), PLINTHS));
        requests.add(IamRequest.of("ec2:CreateNatGateway", ec2("natgateway", "*"), requestTags()));
        requests.add(IamRequest.of("ec2:CreateNatGateway", ec2("elastic-ip", "eipalloc-0a1b"), PLINTHS));
        requests.add(IamRequest.of("rds:CreateDBInstance", rds("db", "plinth-shop"), requestTags()));
        requests.add(IamRequest.of("ecs:CreateService", ecs("service/plinth-shop/app"), requestTags()));
        requests.add(IamRequest.of("elasticfilesystem:CreateFileSystem", "*", requestTags()));
        requests.add(IamRequest.of(
                "elasticfilesystem:CreateAccessPoint", efs("file-system/fs-0a1b"), withResourceTag(requestTags())));
        requests.add(IamRequest.of(
                "elasticloadbalancing:CreateListener",
                elb("loadbalancer/app/plinth-shop/0a1b2c3d"),
                withResourceTag(requestTags())));
        requests.add(IamRequest.of(
                "dynamodb:CreateTable",
                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/plinth-shop",
                requestTags()));
        requests.add(IamRequest.of("cloudfront:CreateDistribution", "*", requestTags()));
        requests.add(IamRequest.of(
                "cloudwatch:PutMetricAlarm",
                "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:plinth-shop-cpu",
                requestTags()));
        requests.add(IamRequest.of(
                "cloudwatch:PutMetricAlarm",
                "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:plinth-shop-cpu",
                PLINTHS));
        requests.add(IamRequest.of(
                "logs:CreateLogGroup",
                "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/plinth/shop/app",
                requestTags()));
        // tagging what plinth made, with the user's own tags
        Map<String, List<String>> userTags = Map.of(
                "aws:ResourceTag/" + Tags.MANAGED_BY,
                List.of(Tags.MANAGED_BY_VALUE),
                "aws:RequestTag/team",
                List.of("payments"),
                "aws:TagKeys",
                List.of("team"));
        requests.add(IamRequest.of("ec2:CreateTags", ec2("subnet", "subnet-0a1b"), userTags));
        requests.add(IamRequest.of("ec2:DeleteTags", ec2("subnet", "subnet-0a1b"), userTags));
        requests.add(IamRequest.of("rds:AddTagsToResource", rds("db", "plinth-shop"), userTags));
        requests.add(
                IamRequest.of("elasticloadbalancing:AddTags", elb("loadbalancer/app/plinth-shop/0a1b2c3d"), userTags));
        requests.add(IamRequest.of("ecs:TagResource", ecs("service/plinth-shop/app"), userTags));
        requests.add(IamRequest.of("elasticfilesystem:TagResource", efs("file-system/fs-0a1b"), userTags));
        // the service keeps the spec's task count on its ECS service (ServiceHandler)
        requests.add(IamRequest.of(
                "ecs:TagResource",
                ecs("service/plinth-shop/app"),
                Map.of(
                        "aws:ResourceTag/" + Tags.MANAGED_BY,
                        List.of(Tags.MANAGED_BY_VALUE),
                        "aws:RequestTag/plinth:desired-count",
                        List.of("2"),
                        "aws:TagKeys",
                        List.of("plinth:desired-count"))));
        // teardown marks what it keeps
        requests.add(IamRequest.of(
                "ec2:CreateTags",
                ec2("vpc", "vpc-0a1b"),
                Map.of(
                        "aws:ResourceTag/" + Tags.MANAGED_BY,
                        List.of(Tags.MANAGED_BY_VALUE),
                        "aws:TagKeys",
                        List.of("plinth:retained"))));
        // the service-linked roles AWS creates on first use
        for (String service : List.of(
                "ecs.amazonaws.com",
                "ecs.application-autoscaling.amazonaws.com",
                "elasticfilesystem.amazonaws.com",
                "elasticloadbalancing.amazonaws.com",
                "rds.amazonaws.com")) {
            requests.add(serviceLinkedRole(service));
        }

        assertThat(iam.decide(requests))
                .as("requests the policies must allow")
                .allSatisfy(d -> assertThat(d.allowed()).as(d.toString()).isTrue());
    }

    /**
     * RDS reads the key of the master password's secret as the caller. A KMS key's own policy decides
     * first; the AWS managed key of Secrets Manager leaves its {@code Describe*} to the account's IAM
     * policies (AWS KMS Developer Guide, "AWS managed keys" and "Key policies").
     */
    @Test
    void allowsReadingTheKeyOfTheMasterPasswordSecret() {
        IamRequest describe = IamRequest.of(
                "kms:DescribeKey",
                "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/0a1b2c3d-0000-4000-8000-0a1b2c3d4e5f",
                Map.of());
        JsonNode keyPolicy = JSON.readTree("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::%s:root"},
                  "Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*"}]}""".formatted(ACCOUNT));

        assertThat(iam.decide(describe, keyPolicy).allowed()).isTrue();
        assertThat(IamEvaluator.of(mutated("RdsMasterPasswordKey", s -> s.put("Action", "kms:ListAliases")))
                        .decide(describe, keyPolicy)
                        .allowed())
                .as("the key's policy leaves it to IAM")
                .isFalse();
    }

    /**
     * The boundary of the roles plinth makes allows every action their inline policies name, for every kind
     * of environment (the layers' own statements), and none other: a role plinth made can do no more than
     * the ECS agent, the app's tasks and the RDS proxy need, whatever inline policy it is given.
     */
    @Test
    void theBoundaryAllowsWhatPlinthsRolesNeedAndNothingElse() {
        IamPolicy boundary = IamPolicy.boundary();
        assertThat(boundary.size()).isLessThanOrEqualTo(MANAGED_POLICY_LIMIT);
        Set<String> needed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (EnvironmentSpec spec : List.of(spec(DatabaseEngine.POSTGRES, true), spec(DatabaseEngine.DYNAMODB, null))) {
            Stream.concat(DataLayer.nodes(spec, ZONES).stream(), ComputeLayer.nodes(spec, ZONES).stream())
                    .map(ResourceNode::desired)
                    .filter(d -> d instanceof IamRolePolicyHandler.Desired)
                    .forEach(d ->
                            ((IamRolePolicyHandler.Desired) d).statements().forEach(st -> needed.addAll(st.actions())));
        }
        assertThat(needed).as("actions of the roles' inline policies").hasSizeGreaterThan(10);
        assertThat(actionsOf(Map.of(boundary.name(), boundary.document())))
                .as("the boundary's actions")
                .isEqualTo(needed);

        IamEvaluator bounded = IamEvaluator.of(Map.of(boundary.name(), boundary.document()));
        String secret = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rds!db-0a1b-Xy12Z";
        String table = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/plinth-shop";
        String fileSystem = efs("file-system/fs-0a1b");
        String key = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/0a1b2c3d-0000-4000-8000-0a1b2c3d4e5f";
        assertThat(bounded.decide(List.of(
                        IamRequest.of(
                                "logs:PutLogEvents",
                                "arn:aws:logs:" + REGION + ":" + ACCOUNT
                                        + ":log-group:/plinth/shop/app:log-stream:app/web/0a1b",
                                Map.of()),
                        IamRequest.of("ecr:GetAuthorizationToken", "*", Map.of()),
                        IamRequest.of(
                                "ecr:BatchGetImage",
                                "arn:aws:ecr:" + REGION + ":" + ACCOUNT + ":repository/shop",
                                Map.of()),
                        IamRequest.of("secretsmanager:GetSecretValue", secret, Map.of()),
                        IamRequest.of("elasticfilesystem:ClientMount", fileSystem, PLINTHS),
                        IamRequest.of("dynamodb:PutItem", table, PLINTHS),
                        IamRequest.of("dynamodb:Query", table + "/index/by-owner", PLINTHS))))
                .as("what the roles' inline policies allow")
                .allSatisfy(d -> assertThat(d.allowed()).as(d.toString()).isTrue());
        assertThat(bounded.decide(List.of(
                        IamRequest.of("iam:CreateRole", role("admin"), Map.of()),
                        IamRequest.of(
                                "iam:PassRole",
                                role(PATH + "plinth-shop-task"),
                                Map.of("iam:PassedToService", List.of("ecs-tasks.amazonaws.com"))),
                        IamRequest.of("iam:PutRolePolicy", role(PATH + "plinth-shop-task"), Map.of()),
                        IamRequest.of("sts:AssumeRole", role("admin"), Map.of()),
                        IamRequest.of(
                                "secretsmanager:GetSecretValue",
                                "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:payments-Xy12Z",
                                Map.of()),
                        IamRequest.of("elasticfilesystem:ClientMount", fileSystem, Map.of()),
                        IamRequest.of(
                                "dynamodb:GetItem",
                                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/theirs",
                                Map.of()),
                        IamRequest.of("dynamodb:DeleteTable", table, PLINTHS),
                        IamRequest.of("s3:GetObject", "arn:aws:s3:::theirs/secret.txt", Map.of()),
                        IamRequest.of("ec2:RunInstances", ec2("instance", "*"), Map.of()))))
                .as("what no role plinth makes may do, whatever its inline policy says")
                .allSatisfy(d -> assertThat(d.decision()).as(d.toString()).isEqualTo("ImplicitlyDenied"));
        // a key's own policy decides first; the default one leaves it to the account's IAM policies
        // (AWS KMS Developer Guide, "Default key policy")
        JsonNode keyPolicy = JSON.readTree("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "kms:*", "Resource": "*"}]}""".formatted(ACCOUNT));
        IamRequest decrypt = IamRequest.of(
                "kms:Decrypt", key, Map.of("kms:ViaService", List.of("secretsmanager." + REGION + ".amazonaws.com")));
        assertThat(bounded.decide(decrypt, keyPolicy).allowed())
                .as("decrypting a secret through Secrets Manager")
                .isTrue();
        assertThat(bounded.decide(decrypt.without("kms:ViaService"), keyPolicy).allowed())
                .as("decrypting anything else")
                .isFalse();
    }

    private static final List<String> ZONES = List.of(REGION + "a", REGION + "b");

    private static EnvironmentSpec spec(DatabaseEngine engine, Boolean proxy) {
        return new EnvironmentSpec(
                        "shop",
                        REGION,
                        null,
                        Map.of(),
                        new NetworkSpec("10.62.0.0/16", 2, NatGatewayMode.SINGLE),
                        new DatabaseSpec(null, engine, null, null, null, proxy, null, null, null, null, null),
                        new FileSystemSpec(null, null),
                        new ServiceSpec(
                                null,
                                "public.ecr.aws/nginx/nginx:stable",
                                80,
                                256,
                                512,
                                2,
                                "/health",
                                Map.of(),
                                null,
                                null),
                        null,
                        null)
                .withDefaults();
    }

    /** Nothing beyond plinth's own resources in its own account, nor a way to rights it does not have. */
    @Test
    void deniesWhatPlinthMustNotDo() {
        List<IamRequest> requests = new ArrayList<>();
        // another account's resource, for each destructive action
        List<IamRequest> destructive = List.of(
                IamRequest.of("ec2:DeleteVpc", ec2("vpc", "vpc-0a1b"), PLINTHS),
                IamRequest.of("ec2:DeleteSubnet", ec2("subnet", "subnet-0a1b"), PLINTHS),
                IamRequest.of("ec2:DeleteRouteTable", ec2("route-table", "rtb-0a1b"), PLINTHS),
                IamRequest.of("ec2:DeleteInternetGateway", ec2("internet-gateway", "igw-0a1b"), PLINTHS),
                IamRequest.of("ec2:DeleteNatGateway", ec2("natgateway", "nat-0a1b"), PLINTHS),
                IamRequest.of("ec2:DeleteSecurityGroup", ec2("security-group", "sg-0a1b"), PLINTHS),
                IamRequest.of("ec2:ReleaseAddress", ec2("elastic-ip", "eipalloc-0a1b"), PLINTHS),
                IamRequest.of("ec2:DeleteNetworkInterface", ec2("network-interface", "eni-0a1b"), Map.of()),
                IamRequest.of(
                        "elasticloadbalancing:DeleteLoadBalancer",
                        elb("loadbalancer/app/plinth-shop/0a1b2c3d"),
                        PLINTHS),
                IamRequest.of(
                        "elasticloadbalancing:DeleteTargetGroup", elb("targetgroup/plinth-shop/0a1b2c3d"), PLINTHS),
                IamRequest.of(
                        "elasticloadbalancing:DeleteListener", elb("listener/app/plinth-shop/0a1b2c3d/0e1f"), PLINTHS),
                IamRequest.of("rds:DeleteDBInstance", rds("db", "plinth-shop"), PLINTHS),
                IamRequest.of("rds:DeleteDBProxy", rds("db-proxy", "prx-0a1b"), PLINTHS),
                IamRequest.of("rds:DeleteDBSubnetGroup", rds("subgrp", "plinth-shop"), PLINTHS),
                IamRequest.of("ecs:DeleteService", ecs("service/plinth-shop/app"), PLINTHS),
                IamRequest.of("ecs:DeleteCluster", ecs("cluster/plinth-shop"), PLINTHS),
                IamRequest.of("elasticfilesystem:DeleteFileSystem", efs("file-system/fs-0a1b"), PLINTHS),
                IamRequest.of("elasticfilesystem:DeleteAccessPoint", efs("access-point/fsap-0a1b"), PLINTHS),
                IamRequest.of(
                        "dynamodb:DeleteTable",
                        "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/plinth-shop",
                        PLINTHS),
                IamRequest.of(
                        "logs:DeleteLogGroup",
                        "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/plinth/shop",
                        PLINTHS),
                IamRequest.of(
                        "cloudwatch:DeleteAlarms",
                        "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:plinth-shop-cpu",
                        PLINTHS),
                IamRequest.of(
                        "cloudfront:DeleteDistribution",
                        "arn:aws:cloudfront::" + ACCOUNT + ":distribution/E1A2B3C4",
                        PLINTHS),
                IamRequest.of("s3:DeleteBucket", "arn:aws:s3:::plinth-shop-assets", Map.of()),
                IamRequest.of("iam:DeleteRole", role(PATH + "plinth-shop-task"), PLINTHS));
        assertThat(iam.decide(destructive))
                .as("each destructive action is allowed in plinth's account")
                .allSatisfy(d -> assertThat(d.allowed()).as(d.toString()).isTrue());
        destructive.forEach(r -> requests.add(r.in(OTHER_ACCOUNT)));
        // an untagged resource, for each destructive action on a resource plinth tags; but an ECS cluster, which
        // teardown untags before deleting it (ClusterHandler: ECS refuses to untag an inactive cluster)
        destructive.stream()
                .filter(r -> r.context().equals(PLINTHS) && !r.action().equals("ecs:DeleteCluster"))
                .forEach(r -> requests.add(r.without("aws:ResourceTag/" + Tags.MANAGED_BY)));
        // making someone else's resource plinth's, or changing plinth's own tags
        requests.add(IamRequest.of(
                "ec2:CreateTags",
                ec2("vpc", "vpc-0a1b"),
                Map.of(
                        "aws:RequestTag/" + Tags.MANAGED_BY,
                        List.of(Tags.MANAGED_BY_VALUE),
                        "aws:TagKeys",
                        List.of(Tags.MANAGED_BY))));
        requests.add(IamRequest.of(
                "ec2:CreateTags",
                ec2("vpc", "vpc-0a1b"),
                Map.of(
                        "aws:ResourceTag/" + Tags.MANAGED_BY,
                        List.of(Tags.MANAGED_BY_VALUE),
                        "aws:TagKeys",
                        List.of(Tags.ENVIRONMENT_ID))));
        requests.add(IamRequest.of("ec2:CreateTags", ec2("instance", "i-0a1b"), createAction("ec2", "RunInstances")));
        requests.add(IamRequest.of(
                "ecs:TagResource",
                ecs("service/theirs/app"),
                Map.of(
                        "aws:RequestTag/plinth:desired-count",
                        List.of("2"),
                        "aws:TagKeys",
                        List.of("plinth:desired-count"))));
        requests.add(IamRequest.of(
                "ecs:TagResource",
                ecs("service/plinth-shop/app"),
                Map.of(
                        "aws:ResourceTag/" + Tags.MANAGED_BY,
                        List.of(Tags.MANAGED_BY_VALUE),
                        "aws:TagKeys",
                        List.of("plinth:desired-count", Tags.ENVIRONMENT_ID))));
        requests.add(
                IamRequest.of("elasticloadbalancing:AddTags", elb("loadbalancer/app/theirs/0a1b2c3d"), requestTags()));
        requests.add(
                IamRequest.of("rds:AddTagsToResource", rds("db", "theirs"), Map.of("aws:TagKeys", List.of("team"))));
        // roles and policies that could give plinth more than it has
        requests.add(IamRequest.of("iam:CreateRole", role("admin"), Map.of()));
        requests.add(IamRequest.of("iam:PutRolePolicy", role("eks-plinth"), Map.of()));
        requests.add(IamRequest.of(
                "iam:AttachRolePolicy",
                role("plinth-shop-task"),
                Map.of("iam:PolicyARN", List.of("arn:aws:iam::aws:policy/AdministratorAccess"))));
        requests.add(IamRequest.of("iam:CreatePolicy", "arn:aws:iam::" + ACCOUNT + ":policy/plinth-shop", Map.of()));
        requests.add(
                IamRequest.of("iam:CreatePolicyVersion", "arn:aws:iam::" + ACCOUNT + ":policy/plinth-shop", Map.of()));
        requests.add(IamRequest.of("iam:UpdateAssumeRolePolicy", role("eks-plinth"), Map.of()));
        requests.add(IamRequest.of("iam:CreateUser", "arn:aws:iam::" + ACCOUNT + ":user/plinth-shop", Map.of()));
        // a role to a service that does not take it, or a role that is not plinth's
        requests.add(passRole("plinth-shop-task", "ec2.amazonaws.com"));
        requests.add(passRole("plinth-shop-task", "lambda.amazonaws.com"));
        requests.add(passRole("plinth-shop-task", "rds.amazonaws.com"));
        requests.add(passRole("plinth-shop-database-proxy", "ecs-tasks.amazonaws.com"));
        requests.add(passRole("eks-plinth", "ecs-tasks.amazonaws.com"));
        requests.add(passRole("admin", "rds.amazonaws.com"));
        // a service-linked role of a service plinth does not use
        requests.add(serviceLinkedRole("elasticbeanstalk.amazonaws.com"));
        // deleting what plinth did not make: the same resources without its tag
        requests.add(IamRequest.of("rds:DeleteDBInstance", rds("db", "theirs"), Map.of()));
        requests.add(IamRequest.of("ecs:DeleteService", ecs("service/theirs/app"), Map.of()));
        requests.add(IamRequest.of("elasticfilesystem:DeleteFileSystem", efs("file-system/fs-9f8e"), Map.of()));
        requests.add(IamRequest.of(
                "dynamodb:DeleteTable", "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/theirs", Map.of()));
        requests.add(IamRequest.of(
                "cloudfront:DeleteDistribution",
                "arn:aws:cloudfront::" + ACCOUNT + ":distribution/E9F8E7D6",
                Map.of()));
        // creating without plinth's tag
        requests.add(IamRequest.of("rds:CreateDBInstance", rds("db", "plinth-shop"), Map.of()));
        requests.add(IamRequest.of("ecs:CreateService", ecs("service/plinth-shop/app"), Map.of()));
        requests.add(IamRequest.of("elasticfilesystem:CreateFileSystem", "*", Map.of()));
        requests.add(IamRequest.of(
                "dynamodb:CreateTable", "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/plinth-shop", Map.of()));
        requests.add(IamRequest.of("ec2:CreateVpc", ec2("vpc", "*"), Map.of()));
        // a role without the boundary, or with another one: on plinth's path and off it
        requests.add(IamRequest.of("iam:CreateRole", role(PATH + "plinth-shop-task"), requestTags()));
        requests.add(IamRequest.of("iam:CreateRole", role("plinth-shop-task"), requestTags()));
        requests.add(IamRequest.of(
                "iam:CreateRole", role(PATH + "plinth-shop-task"), withBoundary(requestTags(), ADMINISTRATOR)));
        requests.add(
                IamRequest.of("iam:CreateRole", role("plinth-shop-task"), withBoundary(requestTags(), ADMINISTRATOR)));
        // removing or replacing the boundary of a role plinth made
        requests.add(IamRequest.of(
                "iam:DeleteRolePermissionsBoundary", role(PATH + "plinth-shop-task"), withBoundary(PLINTHS, BOUNDARY)));
        requests.add(IamRequest.of(
                "iam:DeleteRolePermissionsBoundary", role("plinth-shop-task"), withBoundary(PLINTHS, BOUNDARY)));
        requests.add(IamRequest.of(
                "iam:PutRolePermissionsBoundary",
                role(PATH + "plinth-shop-task"),
                withBoundary(PLINTHS, ADMINISTRATOR)));
        requests.add(IamRequest.of(
                "iam:PutRolePermissionsBoundary", role("plinth-shop-task"), withBoundary(PLINTHS, ADMINISTRATOR)));
        // rights on a role without the boundary (one made before it, or by someone else under plinth's name)
        requests.add(IamRequest.of("iam:PutRolePolicy", role("plinth-shop-task"), PLINTHS));
        requests.add(IamRequest.of("iam:PutRolePolicy", role(PATH + "plinth-shop-task"), PLINTHS));
        // a role off plinth's path, though named like its own; or one of its own to a service that does not take it
        requests.add(passRole("plinth-shop-task", "ecs-tasks.amazonaws.com"));
        requests.add(passRole("plinth-shop-database-proxy", "rds.amazonaws.com"));
        requests.add(passRole("plinth-admin-task-execution", "ecs-tasks.amazonaws.com"));
        requests.add(passRole(PATH + "plinth-shop-task", "ec2.amazonaws.com"));
        requests.add(passRole(PATH + "plinth-shop-task", "rds.amazonaws.com"));
        requests.add(passRole(PATH + "plinth-shop-database-proxy", "ecs-tasks.amazonaws.com"));
        // users and their keys
        requests.add(IamRequest.of("iam:CreateAccessKey", "arn:aws:iam::" + ACCOUNT + ":user/plinth-shop", Map.of()));
        requests.add(
                IamRequest.of("iam:CreatePolicy", "arn:aws:iam::" + ACCOUNT + ":policy/plinth/plinth-shop", Map.of()));
        // data and secrets that are not plinth's to read
        requests.add(IamRequest.of(
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rds!db-0a1b-Xy12Z",
                Map.of()));
        requests.add(IamRequest.of("s3:GetObject", "arn:aws:s3:::plinth-shop-assets/index.html", Map.of()));
        requests.add(IamRequest.of("s3:DeleteBucket", "arn:aws:s3:::theirs", Map.of()));
        requests.add(IamRequest.of(
                "logs:DeleteLogGroup",
                "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/lambda/theirs",
                Map.of()));
        requests.add(IamRequest.of(
                "dynamodb:GetItem", "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/plinth-shop", Map.of()));

        assertThat(iam.decide(requests))
                .as("requests the policies must deny")
                .allSatisfy(d -> assertThat(d.decision()).as(d.toString()).isEqualTo("ImplicitlyDenied"));
    }

    /**
     * Why the policies are evaluated rather than matched by action name: a statement that names the right
     * action on the wrong resource, or without its condition, names the same actions, yet IAM decides
     * otherwise.
     */
    @Test
    void theEvaluatorSeesWhatMatchingActionNamesMisses() {
        Map<String, JsonNode> wrongResource =
                mutated("IamPassOwnTaskRoles", s -> s.put("Resource", "arn:aws:iam::*:role/plinth-*"));
        assertThat(actionsOf(wrongResource)).isEqualTo(named());
        assertThat(IamEvaluator.of(wrongResource)
                        .decide(passRole(PATH + "plinth-shop-task", "ecs-tasks.amazonaws.com")
                                .with("aws:ResourceTag/" + Tags.MANAGED_BY, Tags.MANAGED_BY_VALUE))
                        .allowed())
                .as("a name prefix where the roles have a path")
                .isFalse();

        Map<String, JsonNode> noBoundary = mutated(
                "IamCreateRolesWithTheBoundary",
                s -> ((ObjectNode) s.path("Condition").path("StringEquals")).remove("iam:PermissionsBoundary"));
        assertThat(actionsOf(noBoundary)).isEqualTo(named());
        IamRequest unbounded = IamRequest.of("iam:CreateRole", role(PATH + "plinth-shop-task"), requestTags());
        assertThat(IamEvaluator.of(noBoundary).decide(unbounded).allowed())
                .as("a role without the boundary once its condition is gone")
                .isTrue();
        assertThat(iam.decide(unbounded).allowed()).isFalse();

        Map<String, JsonNode> noCondition = mutated("Ec2ChangeOwnResources", s -> s.remove("Condition"));
        assertThat(actionsOf(noCondition)).isEqualTo(named());
        assertThat(IamEvaluator.of(noCondition)
                        .decide(IamRequest.of("ec2:DeleteVpc", ec2("vpc", "vpc-0a1b"), Map.of()))
                        .allowed())
                .as("deleting someone else's VPC once the tag condition is gone")
                .isTrue();
        assertThat(iam.decide(IamRequest.of("ec2:DeleteVpc", ec2("vpc", "vpc-0a1b"), Map.of()))
                        .allowed())
                .isFalse();
    }

    @Test
    void refusesARequestIamWouldNotEvaluate() {
        assertThat(iam.decide(IamRequest.of("ec2:DeleteVpc", ec2("subnet", "subnet-0a1b"), PLINTHS))
                        .decision())
                .as("an ARN of a type the action does not act on")
                .isEqualTo("Invalid");
        assertThat(iam.decide(IamRequest.of("ec2:DeleteVpcs", ec2("vpc", "vpc-0a1b"), PLINTHS))
                        .decision())
                .as("an action that does not exist")
                .isEqualTo("Invalid");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private List<JsonNode> statements() {
        return policies.stream().flatMap(p -> p.statements().stream()).toList();
    }

    private Set<String> named() {
        return actionsOf(IamPolicy.documents());
    }

    private static Set<String> actionsOf(Map<String, JsonNode> documents) {
        Set<String> actions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        documents.values().forEach(d -> d.path("Statement").forEach(s -> actions.addAll(IamPolicy.actions(s))));
        return actions;
    }

    /** The policies with one statement changed. */
    private static Map<String, JsonNode> mutated(String sid, Consumer<ObjectNode> change) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        boolean found = false;
        for (var entry : IamPolicy.documents().entrySet()) {
            JsonNode copy = entry.getValue().deepCopy();
            for (JsonNode statement : copy.path("Statement")) {
                if (statement.path("Sid").asString().equals(sid)) {
                    change.accept((ObjectNode) statement);
                    found = true;
                }
            }
            documents.put(entry.getKey(), copy);
        }
        assertThat(found).as("a statement %s", sid).isTrue();
        return documents;
    }

    private static Map<String, List<String>> createAction(String prefix, String action) {
        Map<String, List<String>> context = new LinkedHashMap<>(requestTags());
        context.put(prefix + ":CreateAction", List.of(action));
        return context;
    }

    private static Map<String, List<String>> requestTags() {
        return Map.of(
                "aws:RequestTag/" + Tags.MANAGED_BY,
                List.of(Tags.MANAGED_BY_VALUE),
                "aws:RequestTag/" + Tags.ENVIRONMENT_ID,
                List.of("env-1"),
                "aws:TagKeys",
                List.of(Tags.MANAGED_BY, Tags.ENVIRONMENT_ID));
    }

    private static Map<String, List<String>> withResourceTag(Map<String, List<String>> context) {
        Map<String, List<String>> with = new LinkedHashMap<>(context);
        with.putAll(PLINTHS);
        return with;
    }

    private static Map<String, List<String>> withBoundary(Map<String, List<String>> context, String boundary) {
        Map<String, List<String>> with = new LinkedHashMap<>(context);
        with.put("iam:PermissionsBoundary", List.of(boundary));
        return with;
    }

    private static IamRequest passRole(String role, String service) {
        return IamRequest.of("iam:PassRole", role(role), Map.of("iam:PassedToService", List.of(service)));
    }

    private static IamRequest serviceLinkedRole(String service) {
        return IamRequest.of(
                "iam:CreateServiceLinkedRole",
                role("aws-service-role/" + service + "/AWSServiceRoleFor" + service.replace(".amazonaws.com", "")),
                Map.of("iam:AWSServiceName", List.of(service)));
    }

    private static String role(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static String ec2(String type, String id) {
        return "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":" + type + "/" + id;
    }

    private static String rds(String type, String name) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":" + type + ":" + name;
    }

    private static String elb(String resource) {
        return "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    private static String ecs(String resource) {
        return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    private static String efs(String resource) {
        return "arn:aws:elasticfilesystem:" + REGION + ":" + ACCOUNT + ":" + resource;
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

        private static final Set<String> NOT_OPERATIONS = Set.of(
                "builder", "create", "close", "serviceName", "serviceClientConfiguration", "waiter", "utilities");

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
                    if (!code.contains("import " + client.pkg() + ".")
                            && !code.contains("aws." + client.accessor() + "(")) {
                        continue;
                    }
                    Set<String> operations = operations(client.type());
                    Matcher m = CALL.matcher(code);
                    while (m.find()) {
                        if (operations.contains(m.group(1)) && m.group(2) == null) {
                            found.computeIfAbsent(client.service(), s -> new TreeSet<>())
                                    .add(capitalized(m.group(1)));
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
