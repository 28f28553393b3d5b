package dev.plinth.testing.behaviour;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM action of a call, and the identifiers a REST call carries in its path. A call's IAM prefix is
 * mostly its signing name, its action mostly the operation; the REST APIs (EFS, CloudFront, S3) name the
 * operation by method and path, listed here from their API references.
 */
final class IamActionNames {

    /** The IAM action of a REST call and the path's identifiers, by name. */
    record Named(String action, Map<String, String> pathIds) {}

    private record Route(String service, String method, Pattern path, String query, String action) {}

    private static final Map<String, String> PREFIX = Map.of("monitoring", "cloudwatch", "tagging", "tag");

    private static final String EFS = "/2015-02-01";
    private static final String CF = "/2020-05-31";

    private static final List<Route> ROUTES = List.of(
            route("elasticfilesystem", "POST", EFS + "/file-systems", null, "CreateFileSystem"),
            route("elasticfilesystem", "GET", EFS + "/file-systems", null, "DescribeFileSystems"),
            route("elasticfilesystem", "PUT", EFS + "/file-systems/(?<FileSystemId>[^/]+)", null, "UpdateFileSystem"),
            route(
                    "elasticfilesystem",
                    "DELETE",
                    EFS + "/file-systems/(?<FileSystemId>[^/]+)",
                    null,
                    "DeleteFileSystem"),
            route("elasticfilesystem", "POST", EFS + "/mount-targets", null, "CreateMountTarget"),
            route("elasticfilesystem", "GET", EFS + "/mount-targets", null, "DescribeMountTargets"),
            route(
                    "elasticfilesystem",
                    "DELETE",
                    EFS + "/mount-targets/(?<MountTargetId>[^/]+)",
                    null,
                    "DeleteMountTarget"),
            route(
                    "elasticfilesystem",
                    "GET",
                    EFS + "/mount-targets/(?<MountTargetId>[^/]+)/security-groups",
                    null,
                    "DescribeMountTargetSecurityGroups"),
            route(
                    "elasticfilesystem",
                    "PUT",
                    EFS + "/mount-targets/(?<MountTargetId>[^/]+)/security-groups",
                    null,
                    "ModifyMountTargetSecurityGroups"),
            route("elasticfilesystem", "POST", EFS + "/access-points", null, "CreateAccessPoint"),
            route("elasticfilesystem", "GET", EFS + "/access-points", null, "DescribeAccessPoints"),
            route(
                    "elasticfilesystem",
                    "DELETE",
                    EFS + "/access-points/(?<AccessPointId>[^/]+)",
                    null,
                    "DeleteAccessPoint"),
            route("elasticfilesystem", "POST", EFS + "/resource-tags/(?<ResourceId>[^/]+)", null, "TagResource"),
            route("elasticfilesystem", "DELETE", EFS + "/resource-tags/(?<ResourceId>[^/]+)", null, "UntagResource"),
            // CreateDistributionWithTags is authorised as cloudfront:CreateDistribution (and TagResource)
            route("cloudfront", "POST", CF + "/distribution", null, "CreateDistribution"),
            route("cloudfront", "GET", CF + "/distribution", null, "ListDistributions"),
            route("cloudfront", "GET", CF + "/distribution/(?<Id>[^/]+)", null, "GetDistribution"),
            route("cloudfront", "GET", CF + "/distribution/(?<Id>[^/]+)/config", null, "GetDistributionConfig"),
            route("cloudfront", "PUT", CF + "/distribution/(?<Id>[^/]+)/config", null, "UpdateDistribution"),
            route("cloudfront", "DELETE", CF + "/distribution/(?<Id>[^/]+)", null, "DeleteDistribution"),
            route("cloudfront", "POST", CF + "/origin-access-control", null, "CreateOriginAccessControl"),
            route("cloudfront", "GET", CF + "/origin-access-control", null, "ListOriginAccessControls"),
            route("cloudfront", "GET", CF + "/origin-access-control/(?<Id>[^/]+)", null, "GetOriginAccessControl"),
            route(
                    "cloudfront",
                    "PUT",
                    CF + "/origin-access-control/(?<Id>[^/]+)/config",
                    null,
                    "UpdateOriginAccessControl"),
            route(
                    "cloudfront",
                    "DELETE",
                    CF + "/origin-access-control/(?<Id>[^/]+)",
                    null,
                    "DeleteOriginAccessControl"),
            route("cloudfront", "GET", CF + "/tagging", null, "ListTagsForResource"),
            route("cloudfront", "POST", CF + "/tagging", "Operation=Tag", "TagResource"),
            route("cloudfront", "POST", CF + "/tagging", "Operation=Untag", "UntagResource"),
            // S3, path-style: the bucket's subresource names the action (S3 API Reference, each operation's page)
            route("s3", "GET", "/(?<Bucket>[^/]+)/?", "policy", "GetBucketPolicy"),
            route("s3", "PUT", "/(?<Bucket>[^/]+)/?", "policy", "PutBucketPolicy"),
            route("s3", "DELETE", "/(?<Bucket>[^/]+)/?", "policy", "DeleteBucketPolicy"),
            route("s3", "GET", "/(?<Bucket>[^/]+)/?", "tagging", "GetBucketTagging"),
            route("s3", "PUT", "/(?<Bucket>[^/]+)/?", "tagging", "PutBucketTagging"),
            route("s3", "GET", "/(?<Bucket>[^/]+)/?", "publicAccessBlock", "GetBucketPublicAccessBlock"),
            route("s3", "PUT", "/(?<Bucket>[^/]+)/?", "publicAccessBlock", "PutBucketPublicAccessBlock"),
            route("s3", "GET", "/(?<Bucket>[^/]+)/?", "encryption", "GetEncryptionConfiguration"),
            route("s3", "PUT", "/(?<Bucket>[^/]+)/?", "encryption", "PutEncryptionConfiguration"),
            route("s3", "GET", "/(?<Bucket>[^/]+)/?", "versions", "ListBucketVersions"),
            route("s3", "POST", "/(?<Bucket>[^/]+)/?", "delete", "DeleteObject"),
            route("s3", "PUT", "/(?<Bucket>[^/]+)/?", null, "CreateBucket"),
            route("s3", "DELETE", "/(?<Bucket>[^/]+)/?", null, "DeleteBucket"),
            route("s3", "HEAD", "/(?<Bucket>[^/]+)/?", null, "ListBucket"),
            route("s3", "GET", "/(?<Bucket>[^/]+)/?", null, "ListBucket"));

    private IamActionNames() {}

    private static Route route(String service, String method, String path, String query, String action) {
        return new Route(service, method, Pattern.compile(path), query, action);
    }

    static String prefix(AwsCall call) {
        return PREFIX.getOrDefault(call.service(), call.service());
    }

    /** The IAM action and the path's identifiers, or empty for a REST call no route names. */
    static Optional<Named> of(AwsCall call) {
        if (call.protocol() != Protocol.REST_JSON
                && call.protocol() != Protocol.REST_XML
                && call.protocol() != Protocol.S3) {
            return Optional.of(new Named(prefix(call) + ":" + call.action(), Map.of()));
        }
        for (Route route : ROUTES) {
            Matcher m = route.path().matcher(call.path());
            if (route.service().equals(call.service())
                    && route.method().equals(call.method())
                    && m.matches()
                    && (route.query() == null ? !hasSubresource(call) : hasQuery(call, route.query()))) {
                return Optional.of(new Named(
                        prefix(call) + ":" + route.action(), groups(route.path().pattern(), m)));
            }
        }
        return Optional.empty();
    }

    private static boolean hasSubresource(AwsCall call) {
        return call.service().equals("s3")
                && call.query() != null
                && Pattern.compile("(^|&)(policy|tagging|publicAccessBlock|encryption|versions|delete)(=|&|$)")
                        .matcher(call.query())
                        .find();
    }

    private static boolean hasQuery(AwsCall call, String query) {
        return call.query() != null
                && Pattern.compile("(^|&)" + Pattern.quote(query) + "(=|&|$)")
                        .matcher(call.query())
                        .find();
    }

    private static Map<String, String> groups(String pattern, Matcher m) {
        Matcher names = Pattern.compile("\\(\\?<([a-zA-Z]+)>").matcher(pattern);
        var ids = new HashMap<String, String>();
        while (names.find()) {
            ids.put(names.group(1), m.group(names.group(1)));
        }
        return Map.copyOf(ids);
    }
}
