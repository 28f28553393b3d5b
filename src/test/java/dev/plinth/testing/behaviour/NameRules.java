package dev.plinth.testing.behaviour;

/**
 * The naming rules of every kind of name plinth gives, each from the API reference page of the call
 * that takes the name (its "Length Constraints", "Pattern" and the constraints its text states).
 */
public final class NameRules {

    /** RDS identifiers: a letter first, then ASCII letters, digits and single hyphens, no hyphen last. */
    private static final String RDS_IDENTIFIER = "[A-Za-z](?:-?[A-Za-z0-9])*";

    private static final String RDS_MESSAGE =
            " is not a valid identifier. Identifiers must begin with a letter; must contain"
                    + " only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.";

    /** EC2 CreateSecurityGroup, GroupName: up to 255 characters, cannot start with sg-, a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&amp;;{}!$*. */
    public static final NameRule SECURITY_GROUP = new NameRule(
            "security group name",
            1,
            255,
            "(?!sg-)[A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]+",
            "InvalidParameterValue",
            "Value (%s) for parameter GroupName is invalid. Group names may not be in the format sg-*.");

    /** EC2 ClientToken (Ensuring idempotency in Amazon EC2 API requests): up to 64 ASCII characters. */
    public static final NameRule EC2_CLIENT_TOKEN = new NameRule(
            "EC2 client token",
            1,
            64,
            "[\\x21-\\x7e]+",
            "InvalidParameterValue",
            "Value (%s) for parameter clientToken is invalid. Tokens are up to 64 ASCII characters.");

    /**
     * ELBv2 CreateLoadBalancer, Name: at most 32 characters, alphanumerics and hyphens, not beginning or
     * ending with a hyphen, not beginning with internal-.
     */
    public static final NameRule LOAD_BALANCER = new NameRule(
            "load balancer name",
            1,
            32,
            "(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?",
            "ValidationError",
            "The load balancer name '%s' must have at most 32 alphanumeric characters or hyphens, must not begin or end"
                    + " with a hyphen, and must not begin with 'internal-'");

    /** ELBv2 CreateTargetGroup, Name: at most 32 alphanumerics and hyphens, not beginning or ending with a hyphen. */
    public static final NameRule TARGET_GROUP = new NameRule(
            "target group name",
            1,
            32,
            "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?",
            "ValidationError",
            "Target group name '%s' must have at most 32 alphanumeric characters or hyphens, and must not begin or end with a hyphen");

    /** RDS CreateDBInstance, DBInstanceIdentifier: 1 to 63 characters. */
    public static final NameRule DB_INSTANCE = new NameRule(
            "DB instance identifier",
            1,
            63,
            RDS_IDENTIFIER,
            "InvalidParameterValue",
            "The parameter DBInstanceIdentifier (%s)" + RDS_MESSAGE);

    /** RDS CreateDBProxy, DBProxyName: the identifier rules, 1 to 63 characters. */
    public static final NameRule DB_PROXY = new NameRule(
            "DB proxy name",
            1,
            63,
            RDS_IDENTIFIER,
            "InvalidParameterValue",
            "The parameter DBProxyName (%s)" + RDS_MESSAGE);

    /** RDS DeleteDBInstance, FinalDBSnapshotIdentifier, and CreateDBSnapshot: 1 to 255 characters. */
    public static final NameRule DB_SNAPSHOT = new NameRule(
            "DB snapshot identifier",
            1,
            255,
            RDS_IDENTIFIER,
            "InvalidParameterValue",
            "The parameter DBSnapshotIdentifier (%s)" + RDS_MESSAGE);

    /** RDS CreateDBSubnetGroup, DBSubnetGroupName: up to 255 letters, numbers, periods, underscores, spaces or hyphens; not default. */
    public static final NameRule DB_SUBNET_GROUP = new NameRule(
            "DB subnet group name",
            1,
            255,
            "(?!default$)[A-Za-z0-9._ -]+",
            "InvalidParameterValue",
            "The parameter DBSubnetGroupName (%s) must contain no more than 255 letters, numbers, periods, underscores,"
                    + " spaces, or hyphens, and must not be default.");

    /** ECS CreateCluster clusterName, CreateService serviceName, RegisterTaskDefinition family: up to 255 letters, numbers, underscores and hyphens. */
    public static final NameRule ECS_NAME = new NameRule(
            "ECS cluster, service or task family name",
            1,
            255,
            "[A-Za-z0-9_-]+",
            "InvalidParameterException",
            "%s: up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.");

    /** IAM CreateRole, RoleName: 1 to 64 characters of [\w+=,.@-]. */
    public static final NameRule IAM_ROLE = new NameRule(
            "IAM role name",
            1,
            64,
            "[\\w+=,.@-]+",
            "ValidationError",
            "1 validation error detected: Value '%s' at 'roleName' failed to satisfy constraint: Member must have length"
                    + " less than or equal to 64 and match the pattern [\\w+=,.@-]+");

    /** IAM PutRolePolicy, PolicyName: 1 to 128 characters of [\w+=,.@-]. */
    public static final NameRule IAM_POLICY = new NameRule(
            "IAM policy name",
            1,
            128,
            "[\\w+=,.@-]+",
            "ValidationError",
            "1 validation error detected: Value '%s' at 'policyName' failed to satisfy constraint: Member must have length"
                    + " less than or equal to 128 and match the pattern [\\w+=,.@-]+");

    /** CloudWatch Logs CreateLogGroup, logGroupName: 1 to 512 characters of [\.\-_/#A-Za-z0-9]. */
    public static final NameRule LOG_GROUP = new NameRule(
            "log group name",
            1,
            512,
            "[.\\-_/#A-Za-z0-9]+",
            "InvalidParameterException",
            "1 validation error detected: Value '%s' at 'logGroupName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");

    /** CloudWatch PutMetricAlarm, AlarmName: 1 to 255 characters. */
    public static final NameRule ALARM = new NameRule(
            "alarm name",
            1,
            255,
            "[^\\p{Cntrl}]+",
            "ValidationError",
            "The alarm name '%s' must be 1 to 255 characters long.");

    /** Application Auto Scaling PutScalingPolicy PolicyName, PutScheduledAction ScheduledActionName: 1 to 256 characters, no : / or |. */
    public static final NameRule SCALING_NAME = new NameRule(
            "scaling policy or scheduled action name",
            1,
            256,
            "[^:/|\\p{Cntrl}]+",
            "ValidationException",
            "1 validation error detected: Value '%s' failed to satisfy constraint: Member must be 1 to 256 characters"
                    + " other than : / and |");

    /** DynamoDB CreateTable, TableName: 3 to 255 characters of [a-zA-Z0-9_.-]. */
    public static final NameRule DYNAMODB_TABLE = new NameRule(
            "DynamoDB table name",
            3,
            255,
            "[A-Za-z0-9_.-]+",
            "ValidationException",
            "TableName %s must be at least 3 characters long and at most 255 characters long,"
                    + " of letters, digits, _ . and -");

    /** EFS CreateFileSystem CreationToken and CreateAccessPoint ClientToken: 1 to 64 characters. */
    public static final NameRule EFS_TOKEN = new NameRule(
            "EFS creation token", 1, 64, "[^\\p{Cntrl}]+", "BadRequest", "Token %s must be 1 to 64 characters long.");

    /**
     * S3 (General purpose bucket naming rules): 3 to 63 lower-case letters, digits, dots and hyphens,
     * beginning and ending with a letter or digit; no two dots in a row; not an IP address; not
     * beginning with xn--, sthree- or amzn-s3-demo-, nor ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3.
     */
    public static final NameRule BUCKET = new NameRule(
            "S3 bucket name",
            3,
            63,
            "(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)"
                    + "(?!.*(?:-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?",
            "InvalidBucketName",
            "The specified bucket is not valid.");

    /** CloudFront CreateOriginAccessControl, Name: up to 64 characters. */
    public static final NameRule ORIGIN_ACCESS_CONTROL = new NameRule(
            "origin access control name",
            1,
            64,
            "[^\\p{Cntrl}]+",
            "InvalidArgument",
            "The origin access control name %s must be 1 to 64 characters long.");

    /** CloudFront DistributionConfig, Comment: up to 128 characters. */
    public static final NameRule DISTRIBUTION_COMMENT = new NameRule(
            "distribution comment",
            0,
            128,
            "[^\\p{Cntrl}]*",
            "InvalidArgument",
            "The parameter Comment (%s) is too big: at most 128 characters.");

    private NameRules() {}
}
