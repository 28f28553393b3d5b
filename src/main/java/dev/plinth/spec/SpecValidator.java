package dev.plinth.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.regions.Region;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules a spec must keep, checked without calling AWS. Every broken rule is reported, not just
 * the first. (Whether the region has enough availability zones needs AWS and is checked on accept.)
 * The sections' own rules are in {@link DatabaseRules} and {@link ServiceRules}.
 */
@Component
public class SpecValidator {

    static final int MIN_NAME = 3;
    static final int MAX_NAME = 40;
    static final int MIN_PREFIX = 16;
    static final int MAX_PREFIX = 24;
    static final int MAX_ZONES = 3;
    /**
     * AWS allows 50 tags per resource (CloudFront, ECS, RDS, EFS, DynamoDB and the rest alike); plinth
     * puts up to six of its own on one (Name, three plinth:* keys, plinth:retained, plinth:desired-count).
     */
    static final int MAX_TAGS = 40;

    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern MOUNT_PATH = Pattern.compile("/[A-Za-z0-9._/-]{0,254}");
    /**
     * What every service plinth tags allows in a key and a value: most take {@code @} as well, DynamoDB
     * does not.
     */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-]*");

    private static final String TAG_CHARACTERS = " letters, digits, spaces or _ . : / = + -";
    private static final Set<String> REGIONS = Region.regions().stream()
            .filter(r -> !r.isGlobalRegion())
            .map(Region::id)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The spec with its defaults written out.
     *
     * @throws InvalidRequestException naming every rule the spec breaks
     */
    public EnvironmentSpec valid(EnvironmentSpec spec) {
        List<Violation> violations = validate(spec);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return spec.withDefaults();
    }

    /** Every rule the spec breaks, each with the value it rejects. */
    public List<Violation> validate(EnvironmentSpec spec) {
        var out = new ArrayList<Violation>();
        name(spec.name(), out);
        region(spec.region(), out);
        tags(spec.tags(), out);
        if (spec.network() == null) {
            out.add(new Violation("network", "required", "is required"));
        } else {
            network(spec.network(), out);
        }
        sections(spec, out);
        if (out.isEmpty()) {
            return out;
        }
        JsonNode document = JsonMapper.shared().valueToTree(spec);
        return out.stream().map(violation -> violation.rejectingIn(document)).toList();
    }

    private static void sections(EnvironmentSpec spec, List<Violation> out) {
        if (Sections.on(spec.database())) {
            DatabaseRules.check(spec.database(), out);
            Integer zones = spec.network() == null ? null : spec.network().availabilityZones();
            if (spec.database().engine() != DatabaseEngine.DYNAMODB && zones != null && zones < 2) {
                out.add(new Violation(
                        "network.availabilityZones",
                        "database-zones",
                        "an RDS database needs subnets in at least 2 zones (its subnet group and proxy require them)"));
            }
        }
        if (Sections.on(spec.fileSystem())) {
            String path = spec.fileSystem().mountPath();
            if (path != null && (!MOUNT_PATH.matcher(path).matches() || path.equals("/"))) {
                out.add(new Violation(
                        "fileSystem.mountPath",
                        "absolute-path",
                        "must be an absolute path other than /, such as /data"));
            }
        }
        boolean service = Sections.on(spec.service());
        if (Sections.on(spec.service())) {
            ServiceRules.check(spec.service(), out);
            ServiceRules.network(spec.network(), out);
        }
        if (Sections.on(spec.cdn()) && !service) {
            out.add(new Violation("cdn", "requires-service", "a CDN needs a service to be the origin"));
        }
        if (Sections.on(spec.alarms()) && !service) {
            out.add(new Violation("alarms", "requires-service", "the alarms watch the service and its load balancer"));
        }
    }

    private static void name(String name, List<Violation> out) {
        if (name == null || name.isEmpty()) {
            out.add(new Violation("name", "required", "is required"));
            return;
        }
        if (name.length() < MIN_NAME || name.length() > MAX_NAME) {
            out.add(new Violation("name", "length", "must be " + MIN_NAME + " to " + MAX_NAME + " characters long"));
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            out.add(new Violation(
                    "name",
                    "dns-label",
                    "must be lower-case letters, digits and hyphens, start with a letter and not end with a hyphen"));
        }
    }

    /** The rule of a spec's {@code region}, for any request that names one: present, and an AWS region. */
    public static void region(@Nullable String region, List<Violation> out) {
        if (region == null || region.isEmpty()) {
            out.add(new Violation("region", "required", "is required"));
        } else if (!REGIONS.contains(region)) {
            out.add(new Violation("region", "aws-region", "'" + region + "' is not an AWS region"));
        }
    }

    private static void tags(Map<String, String> tags, List<Violation> out) {
        Rules.maxItems(tags, MAX_TAGS, "tags", "tags", out);
        tags.forEach((key, value) -> {
            String field = "tags." + key;
            if (!tagText(key, 1, MAX_TAG_KEY)) {
                out.add(new Violation(field, "tag-key", "a tag key is 1 to " + MAX_TAG_KEY + TAG_CHARACTERS));
            } else if (startsIgnoringCase(key, "aws:") || startsIgnoringCase(key, "plinth:") || key.equals("Name")) {
                out.add(new Violation(
                        field, "reserved-tag", "keys starting with aws: or plinth:, and Name, are set by plinth"));
            }
            if (value == null || !tagText(value, 0, MAX_TAG_VALUE)) {
                out.add(new Violation(field, "tag-value", "a tag value is 0 to " + MAX_TAG_VALUE + TAG_CHARACTERS));
            } else if (startsIgnoringCase(value, "aws:")) {
                // ECS refuses values starting with aws: as well
                out.add(new Violation(field, "reserved-tag-value", "values starting with aws: are reserved by AWS"));
            }
        });
    }

    /** A tag's key or value: {@code min} to {@code max} characters, each one every tagged service allows. */
    private static boolean tagText(String text, int min, int max) {
        return text.length() >= min
                && text.length() <= max
                && TAG_TEXT.matcher(text).matches();
    }

    private static boolean startsIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static void network(NetworkSpec network, List<Violation> out) {
        String cidr = network.cidr();
        if (cidr == null || cidr.isEmpty()) {
            out.add(new Violation("network.cidr", "required", "is required"));
        } else {
            Ipv4Block.parse(cidr)
                    .ifPresentOrElse(
                            block -> {
                                if (!block.isNetworkAddress()) {
                                    out.add(new Violation(
                                            "network.cidr",
                                            "network-address",
                                            "must not set bits below the prefix (did you mean " + block.network()
                                                    + "?)"));
                                }
                                if (!block.isPrivate()) {
                                    out.add(
                                            new Violation(
                                                    "network.cidr",
                                                    "private-range",
                                                    "must lie in a private range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"));
                                }
                                if (block.prefixLength() < MIN_PREFIX || block.prefixLength() > MAX_PREFIX) {
                                    out.add(new Violation(
                                            "network.cidr",
                                            "prefix-length",
                                            "must be from /" + MIN_PREFIX + " to /" + MAX_PREFIX));
                                }
                            },
                            () -> out.add(new Violation(
                                    "network.cidr", "ipv4-cidr", "must be an IPv4 block such as 10.42.0.0/16")));
        }
        Integer zones = network.availabilityZones();
        if (zones != null && (zones < 1 || zones > MAX_ZONES)) {
            out.add(new Violation("network.availabilityZones", "range", "must be from 1 to " + MAX_ZONES));
        }
    }
}
