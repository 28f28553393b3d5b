package dev.plinth.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Named.named;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {

    private final SpecValidator validator = new SpecValidator();

    private static final String NAME = "shop-prod";
    private static final String REGION = "eu-central-1";
    private static final Map<String, String> TAGS = Map.of("team", "payments", "cost-centre", "4711");
    private static final NetworkSpec NETWORK = new NetworkSpec("10.42.0.0/16", 2, NatGatewayMode.SINGLE);

    private static EnvironmentSpec spec(String name, String region, Map<String, String> tags, NetworkSpec network) {
        return new EnvironmentSpec(name, region, tags, network);
    }

    private static EnvironmentSpec withName(String name) {
        return spec(name, REGION, TAGS, NETWORK);
    }

    private static EnvironmentSpec withRegion(String region) {
        return spec(NAME, region, TAGS, NETWORK);
    }

    private static EnvironmentSpec withTags(Map<String, String> tags) {
        return spec(NAME, REGION, tags, NETWORK);
    }

    private static EnvironmentSpec withCidr(String cidr) {
        return spec(NAME, REGION, TAGS, new NetworkSpec(cidr, 2, NatGatewayMode.SINGLE));
    }

    private static EnvironmentSpec withZones(Integer zones) {
        return spec(NAME, REGION, TAGS, new NetworkSpec("10.42.0.0/16", zones, NatGatewayMode.PER_AZ));
    }

    private static Map<String, String> tag(String key, String value) {
        var tags = new HashMap<String, String>();
        tags.put(key, value);
        return tags;
    }

    private static Map<String, String> manyTags(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toMap(i -> "key-" + i, i -> "value"));
    }

    private static Arguments invalid(String description, EnvironmentSpec spec, Tuple... violations) {
        return Arguments.of(named(description, spec), List.of(violations));
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("name missing", withName(null), tuple("name", "required")),
                invalid("name empty", withName(""), tuple("name", "required")),
                invalid("name of 2 characters", withName("ab"), tuple("name", "length")),
                invalid("name of 41 characters", withName("a".repeat(41)), tuple("name", "length")),
                invalid("name with upper case", withName("Shop-prod"), tuple("name", "dns-label")),
                invalid("name with underscore", withName("shop_prod"), tuple("name", "dns-label")),
                invalid("name with leading digit", withName("1shop"), tuple("name", "dns-label")),
                invalid("name with leading hyphen", withName("-shop"), tuple("name", "dns-label")),
                invalid("name with trailing hyphen", withName("shop-"), tuple("name", "dns-label")),
                invalid(
                        "name too short and not a label",
                        withName("a_"),
                        tuple("name", "length"),
                        tuple("name", "dns-label")),
                invalid("region missing", withRegion(null), tuple("region", "required")),
                invalid("region empty", withRegion(""), tuple("region", "required")),
                invalid("region unknown", withRegion("mars-1"), tuple("region", "aws-region")),
                invalid("region global pseudo-region", withRegion("aws-global"), tuple("region", "aws-region")),
                invalid("region in upper case", withRegion("EU-CENTRAL-1"), tuple("region", "aws-region")),
                invalid("tag key aws:", withTags(tag("aws:owner", "x")), tuple("tags.aws:owner", "reserved-tag")),
                invalid(
                        "tag key AWS: in upper case",
                        withTags(tag("AWS:owner", "x")),
                        tuple("tags.AWS:owner", "reserved-tag")),
                invalid(
                        "tag key plinth:",
                        withTags(tag("plinth:environment", "x")),
                        tuple("tags.plinth:environment", "reserved-tag")),
                invalid(
                        "tag key Plinth: in another case",
                        withTags(tag("Plinth:environment", "x")),
                        tuple("tags.Plinth:environment", "reserved-tag")),
                invalid("tag key Name", withTags(tag("Name", "x")), tuple("tags.Name", "reserved-tag")),
                invalid("tag key empty", withTags(tag("", "x")), tuple("tags.", "tag-key")),
                invalid(
                        "tag key of 129 characters",
                        withTags(tag("k".repeat(129), "x")),
                        tuple("tags." + "k".repeat(129), "tag-key")),
                invalid("tag key with !", withTags(tag("team!", "x")), tuple("tags.team!", "tag-key")),
                invalid(
                        "tag key with @, which DynamoDB refuses",
                        withTags(tag("team@x", "x")),
                        tuple("tags.team@x", "tag-key")),
                invalid("tag value with @", withTags(tag("owner", "a@b")), tuple("tags.owner", "tag-value")),
                invalid(
                        "tag value starting with aws:",
                        withTags(tag("team", "AWS:x")),
                        tuple("tags.team", "reserved-tag-value")),
                invalid(
                        "tag value of 257 characters",
                        withTags(tag("team", "v".repeat(257))),
                        tuple("tags.team", "tag-value")),
                invalid("tag value with *", withTags(tag("team", "pay*")), tuple("tags.team", "tag-value")),
                invalid("tag value null", withTags(tag("team", null)), tuple("tags.team", "tag-value")),
                invalid(
                        "tag key and value both bad",
                        withTags(tag("a#b", "c#d")),
                        tuple("tags.a#b", "tag-key"),
                        tuple("tags.a#b", "tag-value")),
                invalid("41 tags", withTags(manyTags(41)), tuple("tags", "max-items")),
                invalid("network missing", spec(NAME, REGION, TAGS, null), tuple("network", "required")),
                invalid("cidr missing", withCidr(null), tuple("network.cidr", "required")),
                invalid("cidr empty", withCidr(""), tuple("network.cidr", "required")),
                invalid("cidr garbage", withCidr("ten-dot-42"), tuple("network.cidr", "ipv4-cidr")),
                invalid("cidr octet over 255", withCidr("10.256.0.0/16"), tuple("network.cidr", "ipv4-cidr")),
                invalid("cidr without prefix", withCidr("10.42.0.0"), tuple("network.cidr", "ipv4-cidr")),
                invalid("cidr with host bits", withCidr("10.42.1.0/16"), tuple("network.cidr", "network-address")),
                invalid("cidr public", withCidr("8.8.0.0/16"), tuple("network.cidr", "private-range")),
                invalid(
                        "cidr 172.32.0.0/16 just past 172.16/12",
                        withCidr("172.32.0.0/16"),
                        tuple("network.cidr", "private-range")),
                invalid(
                        "cidr 192.169.0.0/16 just past 192.168/16",
                        withCidr("192.169.0.0/16"),
                        tuple("network.cidr", "private-range")),
                invalid("cidr /8", withCidr("10.0.0.0/8"), tuple("network.cidr", "prefix-length")),
                invalid("cidr /15", withCidr("10.42.0.0/15"), tuple("network.cidr", "prefix-length")),
                invalid("cidr /25", withCidr("10.42.0.0/25"), tuple("network.cidr", "prefix-length")),
                invalid("cidr /28", withCidr("10.42.0.0/28"), tuple("network.cidr", "prefix-length")),
                invalid("0 availability zones", withZones(0), tuple("network.availabilityZones", "range")),
                invalid("4 availability zones", withZones(4), tuple("network.availabilityZones", "range")),
                invalid("-1 availability zones", withZones(-1), tuple("network.availabilityZones", "range")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void reportsExactlyTheBrokenRules(EnvironmentSpec spec, List<Tuple> expected) {
        assertThat(validator.validate(spec))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> validSpecs() {
        return Stream.of(
                Arguments.of(named("typical", spec(NAME, REGION, TAGS, NETWORK))),
                Arguments.of(named("shortest name", withName("abc"))),
                Arguments.of(named("longest name", withName("a" + "-b".repeat(19) + "c"))),
                Arguments.of(named("no tags", withTags(null))),
                Arguments.of(named("40 tags", withTags(manyTags(40)))),
                Arguments.of(named("tag key of 128 and value of 256", withTags(tag("k".repeat(128), "v".repeat(256))))),
                Arguments.of(named("tag text with every allowed mark", withTags(tag("a _.:/=+- 1 é", "")))),
                Arguments.of(named("tag key that only contains aws:", withTags(tag("team:aws:x", "y")))),
                Arguments.of(named("cidr 172.16.0.0/16", withCidr("172.16.0.0/16"))),
                Arguments.of(named("cidr 192.168.10.0/24", withCidr("192.168.10.0/24"))),
                Arguments.of(named("1 availability zone", withZones(1))),
                Arguments.of(named("3 availability zones", withZones(3))),
                Arguments.of(named("availability zones defaulted", withZones(null))),
                Arguments.of(named(
                        "NAT gateway mode defaulted",
                        spec(NAME, "us-east-1", TAGS, new NetworkSpec("10.0.0.0/16", null, null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSpecs")
    void aValidSpecHasNoViolations(EnvironmentSpec spec) {
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        var spec = spec("X_", "mars-1", tag("Name", "x"), new NetworkSpec("8.8.8.1/8", 9, NatGatewayMode.NONE));

        assertThat(validator.validate(spec))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("name", "length"),
                        tuple("name", "dns-label"),
                        tuple("region", "aws-region"),
                        tuple("tags.Name", "reserved-tag"),
                        tuple("network.cidr", "network-address"),
                        tuple("network.cidr", "private-range"),
                        tuple("network.cidr", "prefix-length"),
                        tuple("network.availabilityZones", "range"));
    }

    @Test
    void eachViolationNamesTheScalarItRejectsButNeverAValueOfTheContainersEnvironment() {
        var service = new ServiceSpec(
                null, "nginx", null, null, null, 5000, null, Map.of("DB_PASSWORD", "hunter2"), null, null);
        var spec = new EnvironmentSpec(
                "X_",
                REGION,
                null,
                TAGS,
                new NetworkSpec("8.8.0.0/16", 9, NatGatewayMode.NONE),
                null,
                null,
                service,
                null,
                null);

        assertThat(validator.validate(spec))
                .extracting(
                        Violation::field,
                        v -> v.value() == null ? null : v.value().asString())
                .contains(
                        tuple("name", "X_"),
                        tuple("network.cidr", "8.8.0.0/16"),
                        tuple("network.availabilityZones", "9"),
                        tuple("service.desiredCount", "5000"),
                        tuple("service.environment.DB_PASSWORD", null));
    }

    @Test
    void aServiceOnANetworkAwsCannotRunItOnIsRefusedNamingTheFix() {
        var service = new ServiceSpec(null, "nginx", null, null, null, null, null, null, null, null);
        var spec = new EnvironmentSpec(
                NAME,
                REGION,
                null,
                TAGS,
                new NetworkSpec("10.42.0.0/16", 1, NatGatewayMode.NONE),
                null,
                null,
                service,
                null,
                null);

        assertThat(validator.validate(spec))
                .extracting(Violation::field, Violation::rule, v -> v.value().asString())
                .containsExactlyInAnyOrder(
                        tuple("network.availabilityZones", "load-balancer-zones", "1"),
                        tuple("network.natGateways", "service-egress", "none"));
        assertThat(validator.validate(spec))
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("set 2 or 3"))
                .anySatisfy(m -> assertThat(m).contains("set single or per-az"));
    }

    @Test
    void aCidrWithHostBitsSuggestsItsNetworkAddress() {
        assertThat(validator.validate(withCidr("10.42.7.0/16")))
                .singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("network-address"))
                .satisfies(v -> assertThat(v.message()).contains("10.42.0.0/16"));
    }
}
