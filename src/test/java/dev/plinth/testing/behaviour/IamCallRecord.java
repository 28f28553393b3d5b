package dev.plinth.testing.behaviour;

import dev.plinth.testing.IamRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Records each call as the requests IAM authorises for it (IAM User Guide, "Policy evaluation logic";
 * the Service Authorization Reference for each action's resource types and condition keys): the action
 * on each resource it acts on, with the tags the call sets ({@code aws:RequestTag/…}, {@code aws:TagKeys})
 * and the tags the resource has ({@code aws:ResourceTag/…}, as far as this front saw them set or
 * {@link AnsweredTags shown}); tagging
 * while creating ({@code ec2:CreateTags} with {@code ec2:CreateAction}, {@code rds:AddTagsToResource},
 * {@code ecs:TagResource}…); passing a role to the service that assumes it ({@code iam:PassRole} with
 * {@code iam:PassedToService} and the role's tags); the condition keys a request carries in its fields
 * ({@link IamResources#REQUEST_KEYS}); and the permissions boundary of a role, as it was made with it or
 * shown ({@code iam:PermissionsBoundary}). The account is the emulator's. The record is the whole run's: it
 * survives the reset between tests, so that IamPolicyCoverageIT, which runs last, can evaluate it.
 */
public final class IamCallRecord implements Behaviour {

    public static final String NAME = "iam-calls";

    /** Create actions whose tags AWS authorises as a second action on the new resource, with its condition key. */
    private record TagOnCreate(String action, String createActionKey) {}

    private static final Map<String, TagOnCreate> TAG_ON_CREATE = Map.ofEntries(
            ec2("AllocateAddress"),
            ec2("AuthorizeSecurityGroupIngress"),
            ec2("CreateInternetGateway"),
            ec2("CreateNatGateway"),
            ec2("CreateRouteTable"),
            ec2("CreateSecurityGroup"),
            ec2("CreateSubnet"),
            ec2("CreateVpc"),
            tag("rds:CreateDBInstance", "rds:AddTagsToResource", null),
            tag("rds:CreateDBSubnetGroup", "rds:AddTagsToResource", null),
            tag("rds:CreateDBProxy", "rds:AddTagsToResource", null),
            tag("rds:RestoreDBInstanceFromDBSnapshot", "rds:AddTagsToResource", null),
            tag("rds:CreateDBSnapshot", "rds:AddTagsToResource", null),
            tag(
                    "elasticloadbalancing:CreateLoadBalancer",
                    "elasticloadbalancing:AddTags",
                    "elasticloadbalancing:CreateAction"),
            tag(
                    "elasticloadbalancing:CreateTargetGroup",
                    "elasticloadbalancing:AddTags",
                    "elasticloadbalancing:CreateAction"),
            tag(
                    "elasticloadbalancing:CreateListener",
                    "elasticloadbalancing:AddTags",
                    "elasticloadbalancing:CreateAction"),
            tag("ecs:CreateCluster", "ecs:TagResource", "ecs:CreateAction"),
            tag("ecs:CreateService", "ecs:TagResource", "ecs:CreateAction"),
            tag("ecs:RegisterTaskDefinition", "ecs:TagResource", "ecs:CreateAction"),
            tag(
                    "elasticfilesystem:CreateFileSystem",
                    "elasticfilesystem:TagResource",
                    "elasticfilesystem:CreateAction"),
            tag(
                    "elasticfilesystem:CreateAccessPoint",
                    "elasticfilesystem:TagResource",
                    "elasticfilesystem:CreateAction"),
            tag("logs:CreateLogGroup", "logs:TagResource", null),
            tag("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", null),
            tag("dynamodb:CreateTable", "dynamodb:TagResource", null),
            tag("iam:CreateRole", "iam:TagRole", null),
            tag("application-autoscaling:RegisterScalableTarget", "application-autoscaling:TagResource", null),
            tag("cloudfront:CreateDistribution", "cloudfront:TagResource", null));

    /** Actions that pass roles, the request fields that name them, and the service that assumes them. */
    private record PassesRole(List<String> fields, String service) {}

    private static final Map<String, PassesRole> PASSES_ROLE = Map.of(
            "ecs:RegisterTaskDefinition",
                    new PassesRole(List.of("taskRoleArn", "executionRoleArn"), "ecs-tasks.amazonaws.com"),
            "rds:CreateDBProxy", new PassesRole(List.of("RoleArn"), "rds.amazonaws.com"),
            "rds:ModifyDBProxy", new PassesRole(List.of("RoleArn"), "rds.amazonaws.com"));

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final ConcurrentLinkedQueue<IamRequest> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final Map<String, String> arns = new ConcurrentHashMap<>();
    /** A role's name → its ARN (path included); a role's ARN → the ARN of its permissions boundary. */
    private final Map<String, String> roles = new ConcurrentHashMap<>();

    private final Map<String, String> boundaries = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    /** Every request recorded since the front started. */
    public List<IamRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        Optional<IamActionNames.Named> named = IamActionNames.of(call);
        if (named.isEmpty() || named.get().action().equals("sts:GetCallerIdentity")) {
            // GetCallerIdentity needs no permission (STS API Reference); a REST call no route names is left to the IT's
            // count
            return answer;
        }
        String action = named.get().action();
        Values values = new Values(call, answer, named.get().pathIds());
        RequestTags requestTags = RequestTags.of(call);
        List<String> created = created(action, values);

        Map<String, List<String>> requestKeys = new LinkedHashMap<>();
        IamResources.REQUEST_KEYS.getOrDefault(action, Map.of()).forEach((key, field) -> {
            List<String> value = values.request(field);
            if (!value.isEmpty()) {
                requestKeys.put(key, value);
            }
        });
        for (String resource : resources(action, values)) {
            Map<String, List<String>> context = new LinkedHashMap<>(requestTags.context());
            context.putAll(requestKeys);
            // a create of what exists already (an upsert such as PutMetricAlarm) acts on a resource with its tags
            if (!created.contains(resource) || tags.containsKey(resource)) {
                context.putAll(resourceTags(resource));
            }
            String boundary = boundaries.get(resource);
            if (IamResources.ROLE_BOUNDARY_KEY.contains(action) && boundary != null) {
                context.put("iam:PermissionsBoundary", List.of(boundary));
            }
            requests.add(IamRequest.of(action, resource, context));
        }
        TagOnCreate tagging = TAG_ON_CREATE.get(action);
        if (tagging != null && !requestTags.set().isEmpty()) {
            for (String resource : created) {
                Map<String, List<String>> context = new LinkedHashMap<>(requestTags.context());
                if (tagging.createActionKey() != null) {
                    context.put(tagging.createActionKey(), List.of(action.substring(action.indexOf(':') + 1)));
                }
                requests.add(IamRequest.of(tagging.action(), resource, context));
            }
        }
        PassesRole passes = PASSES_ROLE.get(action);
        if (passes != null) {
            passes.fields().stream().flatMap(f -> values.request(f).stream()).forEach(role -> {
                Map<String, List<String>> context = new LinkedHashMap<>(resourceTags(role));
                context.put("iam:PassedToService", List.of(passes.service()));
                requests.add(IamRequest.of("iam:PassRole", role, context));
            });
        }
        if (answer.ok()) {
            remember(action, values, requestTags, created);
        }
        AnsweredTags seen = AnsweredTags.of(call, answer);
        seen.tags().forEach((arn, resourceTags) -> {
            arns.put(arn.substring(arn.lastIndexOf('/') + 1), arn);
            tags.put(arn, new ConcurrentHashMap<>(resourceTags));
        });
        arns.putAll(seen.links());
        return answer;
    }

    private void remember(String action, Values values, RequestTags requestTags, List<String> created) {
        if (action.startsWith("iam:") && action.contains("Role")) {
            rememberRole(action, values);
        }
        for (String arn : created.stream().filter(a -> !a.endsWith("*")).toList()) {
            arns.put(arn.substring(arn.lastIndexOf('/') + 1), arn);
            tags.computeIfAbsent(arn, a -> new ConcurrentHashMap<>()).putAll(requestTags.set());
        }
        List<String> link = IamResources.REMEMBERED.get(action);
        if (link != null) {
            String idField = link.get(0);
            Optional<String> id = idField.startsWith(IamResources.REQUEST)
                    ? values.request(idField.substring(IamResources.REQUEST.length())).stream()
                            .findFirst()
                    : values.answer(idField);
            id.ifPresent(i -> expand(link.get(1), values).stream()
                    .filter(a -> !a.endsWith("*"))
                    .forEach(arn -> arns.put(i, arn)));
        }
        if (!created.isEmpty()) {
            return;
        }
        for (String arn :
                resources(action, values).stream().filter(a -> !a.endsWith("*")).toList()) {
            Map<String, String> known = tags.computeIfAbsent(arn, a -> new ConcurrentHashMap<>());
            known.putAll(requestTags.set());
            requestTags.removed().forEach(known::remove);
        }
    }

    /**
     * A role's ARN as an answer shows it (CreateRole, GetRole: {@code <Arn>}, with the path), and its
     * boundary: the one it was made or given with, or the one GetRole shows ({@code PermissionsBoundaryArn}).
     */
    private void rememberRole(String action, Values values) {
        List<String> name = values.request("RoleName");
        if (name.isEmpty()) {
            return;
        }
        values.answer("Arn").ifPresent(arn -> roles.put(name.getFirst(), arn));
        String arn = roles.get(name.getFirst());
        if (arn == null) {
            return;
        }
        switch (action) {
            case "iam:CreateRole", "iam:PutRolePermissionsBoundary" ->
                values.request("PermissionsBoundary").stream().findFirst().ifPresent(b -> boundaries.put(arn, b));
            case "iam:GetRole" ->
                values.answer("PermissionsBoundaryArn")
                        .ifPresentOrElse(b -> boundaries.put(arn, b), () -> boundaries.remove(arn));
            default -> {}
        }
    }

    private Map<String, List<String>> resourceTags(String arn) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        tags.getOrDefault(arn, Map.of()).forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
        return context;
    }

    private List<String> resources(String action, Values values) {
        List<String> templates = IamResources.OF.get(action);
        if (templates == null) {
            return List.of("*");
        }
        return templates.stream()
                .flatMap(t -> expand(t, values).stream())
                .distinct()
                .toList();
    }

    /** The resources the call makes: its templates marked new, and what {@link IamResources#CREATED} lists. */
    private List<String> created(String action, Values values) {
        List<String> created = new ArrayList<>();
        IamResources.OF.getOrDefault(action, List.of()).stream()
                .filter(t -> t.startsWith(IamResources.NEW))
                .forEach(t -> created.addAll(expand(t, values)));
        String extra = IamResources.CREATED.get(action);
        if (extra != null) {
            created.addAll(expand(extra, values));
        }
        return created.stream().distinct().toList();
    }

    /** A template's ARNs: one for each value of its list variable, if it has one. */
    private List<String> expand(String marked, Values values) {
        String template = marked.startsWith(IamResources.NEW) ? marked.substring(IamResources.NEW.length()) : marked;
        List<String> arns = new ArrayList<>(List.of(""));
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            String literal = template.substring(last, m.start());
            List<String> options = resolve(m.group(1), values);
            List<String> next = new ArrayList<>();
            for (String prefix : arns) {
                for (String option : options) {
                    next.add(prefix + literal + option);
                }
            }
            arns = next;
            last = m.end();
        }
        String tail = template.substring(last);
        return arns.stream().map(a -> a + tail).toList();
    }

    private List<String> resolve(String variable, Values values) {
        if (variable.equals("region")) {
            return List.of(values.call().region());
        }
        if (variable.equals("account")) {
            return List.of(IamRequest.ACCOUNT);
        }
        if (variable.startsWith(">")) {
            return List.of(values.answer(variable.substring(1)).orElse("*"));
        }
        if (variable.startsWith("role:")) {
            // IAM authorizes a call on a role against the role's ARN, which carries its path: a service-linked
            // role's is /aws-service-role/<service>/, plinth's /plinth/ ("IAM identifiers", IAM user guide). A role
            // that does not exist (NoSuchEntity) has no path but the one a CreateRole asks for: without one, the
            // ARN is the name's alone.
            String path = values.request("Path").stream().findFirst().orElse("/");
            return values.answer("Arn")
                    .map(List::of)
                    .orElseGet(() -> values.request(variable.substring("role:".length())).stream()
                            .map(name -> roles.getOrDefault(
                                    name, "arn:aws:iam::" + IamRequest.ACCOUNT + ":role" + path + name))
                            .toList());
        }
        if (variable.startsWith("@")) {
            String[] idAndType = variable.substring(1).split("\\|", 2);
            String unknown = idAndType.length == 1
                    ? "*"
                    : "arn:aws:"
                            + idAndType[1].replaceFirst(
                                    ":", ":" + values.call().region() + ":" + IamRequest.ACCOUNT + ":")
                            + ":*";
            List<String> ids = values.request(idAndType[0]);
            return ids.isEmpty()
                    ? List.of(unknown)
                    : ids.stream().map(id -> arns.getOrDefault(id, unknown)).toList();
        }
        boolean lastPart = variable.endsWith("/");
        List<String> found = values.request(lastPart ? variable.substring(0, variable.length() - 1) : variable);
        if (found.isEmpty()) {
            return List.of("*");
        }
        return lastPart
                ? found.stream().map(v -> v.substring(v.lastIndexOf('/') + 1)).toList()
                : found;
    }

    private static Map.Entry<String, TagOnCreate> ec2(String create) {
        return tag("ec2:" + create, "ec2:CreateTags", "ec2:CreateAction");
    }

    private static Map.Entry<String, TagOnCreate> tag(String create, String action, String key) {
        return Map.entry(create, new TagOnCreate(action, key));
    }

    /** Where a template's variables come from: the call's parameters, fields and path, and its answer. */
    private record Values(AwsCall call, AwsAnswer answer, Map<String, String> pathIds) {

        /** A request value, or each value of a list ({@code Name.*}). */
        List<String> request(String name) {
            if (pathIds.containsKey(name)) {
                return List.of(pathIds.get(name));
            }
            boolean list = name.endsWith(".*");
            String key = list ? name.substring(0, name.length() - 2) : name;
            return switch (call.protocol()) {
                case EC2, QUERY ->
                    list
                            ? call.params(key)
                            : Optional.ofNullable(call.param(key)).stream().toList();
                case JSON, REST_JSON -> json(key);
                case REST_XML, S3 -> queryParameter(key);
            };
        }

        private List<String> json(String key) {
            JsonNode node = call.json().path(key);
            List<String> found = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(v -> found.add(v.asString()));
            } else if (node.isString()) {
                found.add(node.asString());
            }
            return found.isEmpty() ? queryParameter(key) : found;
        }

        private List<String> queryParameter(String key) {
            if (call.query() == null) {
                return List.of();
            }
            Matcher m =
                    Pattern.compile("(?:^|&)" + Pattern.quote(key) + "=([^&]*)").matcher(call.query());
            return m.find() ? List.of(m.group(1)) : List.of();
        }

        /** The first field of that name in the answer, XML element or JSON field. */
        Optional<String> answer(String name) {
            String text = answer.text();
            Matcher xml =
                    Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(text);
            if (xml.find()) {
                return Optional.of(xml.group(1));
            }
            Matcher json =
                    Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(text);
            return json.find() ? Optional.of(json.group(1).strip()) : Optional.empty();
        }
    }
}
