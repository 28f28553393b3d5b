package dev.plinth.testing.behaviour;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role created a moment ago is not yet usable by the services that assume it. IAM is eventually
 * consistent ("Changes that I make are not always immediately visible", IAM User Guide, Troubleshooting
 * IAM): RDS checks a role it is given when the call is made and answers InvalidParameterValue "IAM role
 * ARN value is invalid or does not include the required permissions" until the role has propagated;
 * terraform-provider-aws retries that text for up to its IAM propagationTimeout (2 minutes) on every RDS
 * call that takes a role (rds/cluster.go, rds/instance.go, cluster_role_association.go). The time a new
 * role takes is typically 5 to 10 seconds (terraform's "Retry RunInstance if IAM profile hasn't
 * propagated", which cites the EC2 guide's "it may take several seconds for the permissions to propagate").
 *
 * <p>ECS does not refuse a new role at its API: RegisterTaskDefinition checks only that the ARN is well
 * formed ("Role is not valid"), and a Fargate service in awsvpc mode takes no service role (ECS uses its
 * service-linked role); the task roles are assumed when a task starts, which a service retries by itself.
 */
final class IamRolePropagation implements Behaviour {

    static final Duration PROPAGATION = Duration.ofSeconds(10);

    /** The RDS calls that take a role, and the parameter that names it. */
    private static final Map<String, String> ROLE_PARAMETERS = Map.of(
            "CreateDBProxy", "RoleArn",
            "ModifyDBProxy", "RoleArn",
            "CreateDBInstance", "MonitoringRoleArn",
            "ModifyDBInstance", "MonitoringRoleArn");

    private static final Pattern ARN = Pattern.compile("<Arn>([^<]+)</Arn>");

    private final Recently created;

    IamRolePropagation(AwsTime time) {
        this.created = new Recently(time, PROPAGATION);
    }

    @Override
    public String name() {
        return "iam-role-propagation";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        String parameter = call.service().equals("rds") ? ROLE_PARAMETERS.get(call.action()) : null;
        String role = parameter == null ? null : call.param(parameter);
        if (role == null || !created.isRecent(role)) {
            return Optional.empty();
        }
        return Optional.of(AwsError.client(
                "InvalidParameterValue",
                "IAM role ARN value is invalid or does not include the required permissions for: " + role));
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (call.is("iam", "CreateRole") && answer.ok()) {
            Matcher arn = ARN.matcher(answer.text());
            if (arn.find()) {
                created.happened(arn.group(1));
            }
        }
        return answer;
    }

    @Override
    public void reset() {
        created.forget();
    }
}
