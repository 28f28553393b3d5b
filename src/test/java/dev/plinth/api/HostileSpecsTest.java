package dev.plinth.api;

import static dev.plinth.testing.JsonMutations.replacing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.presets.PresetCatalog;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import dev.plinth.testing.JsonMutations;
import dev.plinth.testing.Specs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Hostile bodies against the reading and checking of a spec, which every write and plan goes through:
 * valid specs with one to three fields made null, removed, of another type, numbers beyond what any
 * field holds, long or odd strings, deep nesting and unknown fields. Each body is either a valid spec or
 * refused with violations that name a field and a rule; nothing else may escape (an escape is a 500).
 */
class HostileSpecsTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Writes what the service's parser would refuse too: nesting beyond its limit of 1,000. */
    private static final JsonMapper WRITER = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(10_000)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> VALID = List.of(Specs.fullExample(), """
            {"name": "shop", "region": "eu-central-1", "network": {"cidr": "10.42.0.0/16"}}""", """
            {"name": "orders", "region": "us-east-1", "tags": {"team": "payments"},
             "network": {"cidr": "10.7.0.0/16", "availabilityZones": 2, "natGateways": "single"},
             "database": {"engine": "mysql", "name": "orders", "multiAz": true, "onDelete": "retain"},
             "service": {"image": "nginx:1.27", "desiredCount": 2, "environment": {"MODE": "prod"},
                         "autoscaling": {"min": 1, "max": 4, "cpuTarget": 60,
                                         "schedules": [{"name": "night", "cron": "cron(0 18 ? * MON-FRI *)", "min": 0, "max": 0}]}}}""", """
            {"name": "ledger", "region": "eu-west-1", "network": {"cidr": "10.8.0.0/16", "availabilityZones": 2},
             "database": {"engine": "dynamodb"}}""");

    private static final List<JsonNode> WRONG_TYPES = List.of(
            NODES.stringNode("x"),
            NODES.stringNode(""),
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(1.5),
            NODES.booleanNode(true),
            NODES.arrayNode(),
            NODES.objectNode(),
            NODES.arrayNode().addNull(),
            NODES.objectNode().putNull("a"));

    private static final List<JsonNode> HUGE_NUMBERS = List.of(
            NODES.numberNode(2147483648L),
            NODES.numberNode(-2147483649L),
            NODES.numberNode(new BigInteger("9223372036854775808")),
            NODES.numberNode(new BigInteger("99999999999999999999999")),
            NODES.numberNode(new BigDecimal("1e400")),
            NODES.numberNode(new BigDecimal("-1e400")),
            NODES.numberNode(new BigDecimal("1e-400")),
            NODES.numberNode(Long.MIN_VALUE));

    private static final List<JsonNode> ODD_STRINGS = List.of(
            NODES.stringNode("x".repeat(100_000)),
            NODES.stringNode("\u0000"),
            NODES.stringNode("ü"),
            NODES.stringNode("\uD83D\uDE00"),
            NODES.stringNode("\u202Eshop"),
            NODES.stringNode(" shop "),
            NODES.stringNode("../../etc/passwd"),
            NODES.stringNode("${jndi:ldap://x}"),
            NODES.stringNode("10.0.0.0/16\n"),
            NODES.stringNode("cron(0 18 ? * MON-FRI *"));

    @Property(tries = 10_000)
    void everyBodyIsAValidSpecOrRefusedNamingTheFieldAndTheRule(@ForAll("hostileBodies") String body) {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JacksonException unreadable) {
            // what the parser refuses (nesting beyond its limit) is answered 400 before a spec is read
            Statistics.collect("unreadable");
            return;
        }
        SpecValidator validator = new SpecValidator();
        try {
            EnvironmentSpec spec = new SpecReader(JSON, validator, new PresetCatalog(JSON)).read(document);
            validator.valid(spec);
            Statistics.collect("valid");
        } catch (InvalidRequestException refused) {
            Statistics.collect("refused");
            assertThat(refused.violations()).isNotEmpty().allSatisfy(v -> {
                assertThat(v.field()).as("the field of %s", v).isNotNull();
                assertThat(v.rule()).as("the rule of %s", v).isNotBlank();
                assertThat(v.message()).as("the message of %s", v).isNotBlank();
            });
        }
        Statistics.coverage(c -> {
            c.check("valid").percentage(p -> p > 1);
            c.check("refused").percentage(p -> p > 50);
        });
    }

    @Provide
    Arbitrary<String> hostileBodies() {
        Arbitrary<UnaryOperator<JsonNode>> mutation = Arbitraries.oneOf(
                replacing(Arbitraries.just(NODES.nullNode())),
                replacing(Arbitraries.of(WRONG_TYPES)),
                replacing(Arbitraries.of(HUGE_NUMBERS)),
                replacing(Arbitraries.of(ODD_STRINGS)),
                replacing(Arbitraries.integers().between(2, 1_200).map(JsonMutations::nestedArrays)),
                Arbitraries.integers().between(0, 10_000).map(JsonMutations::removing),
                Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.of(WRONG_TYPES))
                        .as(JsonMutations::adding));
        return Combinators.combine(
                        Arbitraries.of(VALID), mutation.list().ofMinSize(1).ofMaxSize(3))
                .as((valid, mutations) -> {
                    JsonNode document = JSON.readTree(valid);
                    for (UnaryOperator<JsonNode> m : mutations) {
                        document = m.apply(document);
                    }
                    return WRITER.writeValueAsString(document);
                });
    }
}
