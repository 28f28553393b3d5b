package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.Ec2Inventory;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.PlinthApi.Reply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every bad request gets a problem+json answer naming the field and the rule, and nothing is made in AWS. */
class RequestValidationIT extends EndToEndTest {

    private static final String VALID_NETWORK = "\"network\": {\"cidr\": \"10.42.0.0/16\"}";

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                bad("name missing", "{\"region\": \"eu-central-1\", " + VALID_NETWORK + "}", "name", "required"),
                bad("name too short", spec("ab", "eu-central-1", VALID_NETWORK), "name", "length"),
                bad("name too long", spec("a".repeat(41), "eu-central-1", VALID_NETWORK), "name", "length"),
                bad("name with capitals", spec("Shop-Staging", "eu-central-1", VALID_NETWORK), "name", "dns-label"),
                bad("name with underscore", spec("shop_staging", "eu-central-1", VALID_NETWORK), "name", "dns-label"),
                bad("name ending in a hyphen", spec("shop-", "eu-central-1", VALID_NETWORK), "name", "dns-label"),
                bad("region missing", "{\"name\": \"shop\", " + VALID_NETWORK + "}", "region", "required"),
                bad("region made up", spec("shop", "mars-north-1", VALID_NETWORK), "region", "aws-region"),
                bad("network missing", "{\"name\": \"shop\", \"region\": \"eu-central-1\"}", "network", "required"),
                bad("cidr missing", spec("shop", "eu-central-1", "\"network\": {}"), "network.cidr", "required"),
                bad("cidr not a block", net("10.42.0.0"), "network.cidr", "ipv4-cidr"),
                bad("cidr octet above 255", net("10.420.0.0/16"), "network.cidr", "ipv4-cidr"),
                bad("cidr public", net("8.8.0.0/16"), "network.cidr", "private-range"),
                bad("cidr wider than /16", net("10.0.0.0/8"), "network.cidr", "prefix-length"),
                bad("cidr narrower than /24", net("10.42.0.0/28"), "network.cidr", "prefix-length"),
                bad("cidr with host bits", net("10.42.1.0/16"), "network.cidr", "network-address"),
                bad(
                        "zero zones",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": 0}"),
                        "network.availabilityZones",
                        "range"),
                bad(
                        "four zones",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": 4}"),
                        "network.availabilityZones",
                        "range"),
                bad(
                        "more zones than the region has",
                        spec(
                                "shop",
                                "us-west-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": 3}"),
                        "network.availabilityZones",
                        "region-capacity"),
                bad(
                        "zones not a number",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": \"two\"}"),
                        "network.availabilityZones",
                        "type"),
                bad(
                        "unknown NAT mode",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"natGateways\": \"double\"}"),
                        "network.natGateways",
                        "one-of"),
                bad(
                        "unknown top-level field",
                        "{\"name\": \"shop\", \"region\": \"eu-central-1\", \"colour\": \"red\", " + VALID_NETWORK
                                + "}",
                        "colour",
                        "unknown-field"),
                bad(
                        "unknown network field",
                        spec("shop", "eu-central-1", "\"network\": {\"cidr\": \"10.42.0.0/16\", \"ipv6\": true}"),
                        "network.ipv6",
                        "unknown-field"),
                bad("tag under plinth:", withTags("{\"plinth:owner\": \"me\"}"), "tags.plinth:owner", "reserved-tag"),
                bad(
                        "tag under aws:",
                        withTags("{\"aws:cloudformation\": \"x\"}"),
                        "tags.aws:cloudformation",
                        "reserved-tag"),
                bad(
                        "tag value too long",
                        withTags("{\"team\": \"" + "x".repeat(257) + "\"}"),
                        "tags.team",
                        "tag-value"),
                bad("tags not an object", withTags("[\"team\"]"), "tags", "type"),
                bad(
                        "autoscaling without max",
                        spec(
                                "shop",
                                "eu-central-1",
                                VALID_NETWORK + ", \"service\": {\"image\": \"nginx\", \"autoscaling\": {\"min\": 1}}"),
                        "service.autoscaling.max",
                        "required"),
                bad(
                        "a schedule that is null",
                        spec(
                                "shop",
                                "eu-central-1",
                                VALID_NETWORK
                                        + ", \"service\": {\"image\": \"nginx\", \"autoscaling\": {\"max\": 2, \"schedules\": [null]}}"),
                        "service.autoscaling.schedules[0]",
                        "required"),
                bad(
                        "unknown preset",
                        "{\"name\": \"shop\", \"region\": \"eu-central-1\", \"preset\": \"drupal\"}",
                        "preset",
                        "one-of"),
                bad(
                        "Fargate size that does not exist",
                        spec(
                                "shop",
                                "eu-central-1",
                                VALID_NETWORK
                                        + ", \"service\": {\"image\": \"nginx\", \"cpu\": 256, \"memory\": 4096}"),
                        "service.memory",
                        "fargate-size"),
                bad(
                        "a service behind a load balancer in one zone",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": 1}, \"service\": {\"image\": \"nginx\"}"),
                        "network.availabilityZones",
                        "load-balancer-zones"),
                bad(
                        "a service without a NAT gateway",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"natGateways\": \"none\"}, \"service\": {\"image\": \"nginx\"}"),
                        "network.natGateways",
                        "service-egress"),
                bad(
                        "cdn without a service",
                        spec("shop", "eu-central-1", VALID_NETWORK + ", \"cdn\": {}"),
                        "cdn",
                        "requires-service"),
                bad("malformed JSON", "{\"name\": \"shop\", ", "", "json"),
                bad("empty body", "", "", "required"),
                bad("a JSON null", "null", "", "type"),
                bad("an array", "[]", "", "type"),
                bad(
                        "zones beyond 64 bits",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": 99999999999999999999999}"),
                        "network.availabilityZones",
                        "range"),
                bad(
                        "zones beyond 32 bits",
                        spec(
                                "shop",
                                "eu-central-1",
                                "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": 4294967296}"),
                        "network.availabilityZones",
                        "range"),
                bad(
                        "a desired count beyond a double",
                        spec(
                                "shop",
                                "eu-central-1",
                                VALID_NETWORK + ", \"service\": {\"image\": \"nginx\", \"desiredCount\": 1e400}"),
                        "service.desiredCount",
                        "range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void aBadRequestIsRefusedWithTheFieldAndRuleAndCreatesNothing(String why, String body, String field, String rule) {
        Reply reply = api.postJson("/environments", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("/type")).isEqualTo("urn:plinth:problem:invalid-request");
        assertThat(reply.json()
                        .path("violations")
                        .valueStream()
                        .map(v -> v.path("field").asString() + " "
                                + v.path("rule").asString()))
                .contains(field + " " + rule);
        assertNothingMadeInAws();
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        Reply reply = api.postJson(
                "/environments",
                spec("X", "nowhere", "\"network\": {\"cidr\": \"8.8.8.8/8\", \"availabilityZones\": 9}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()
                        .path("violations")
                        .valueStream()
                        .map(v -> v.path("rule").asString()))
                .contains(
                        "length",
                        "dns-label",
                        "aws-region",
                        "network-address",
                        "private-range",
                        "prefix-length",
                        "range");
        assertNothingMadeInAws();
    }

    @Test
    void aTypeErrorIsAnsweredTogetherWithTheRulesTheOtherFieldsBreak() {
        Reply reply = api.postJson(
                "/environments",
                spec(
                        "Shop",
                        "mars-north-1",
                        "\"network\": {\"cidr\": \"10.42.0.0/16\", \"availabilityZones\": \"two\"}"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json()
                        .path("violations")
                        .valueStream()
                        .map(v -> v.path("field").asString() + " "
                                + v.path("rule").asString() + " "
                                + v.path("value").asString()))
                .containsExactlyInAnyOrder(
                        "network.availabilityZones type two", "name dns-label Shop", "region aws-region mars-north-1");
        assertNothingMadeInAws();
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                Arguments.of(
                        "a status that is not UTF-8",
                        "GET",
                        "/environments?status=%ff",
                        null,
                        null,
                        400,
                        "status encoding"),
                Arguments.of(
                        "an event type that is not UTF-8",
                        "GET",
                        "/environments/x/events?type=%ff",
                        null,
                        null,
                        400,
                        "type encoding"),
                Arguments.of(
                        "a replace list that is not UTF-8",
                        "POST",
                        "/environments/x/plan?replace=%ff",
                        "application/json",
                        "{}",
                        400,
                        "replace encoding"),
                Arguments.of(
                        "nesting deeper than the parser takes",
                        "POST",
                        "/plans",
                        "application/json",
                        "[".repeat(1_500) + "]".repeat(1_500),
                        400,
                        " json"),
                Arguments.of(
                        "a charset that does not exist",
                        "POST",
                        "/plans",
                        "application/json; charset=nonsense",
                        "{}",
                        415,
                        null),
                // was a 500: multipart was parsed, though no route takes it
                Arguments.of("multipart without a boundary", "POST", "/plans", "multipart/form-data", "{}", 415, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void aHostileRequestIsAProblemOfTheCallerNeverAnErrorOfTheServer(
            String why, String method, String path, String contentType, String body, int status, String violation) {
        Reply reply = body == null ? api.get(path) : api.send(method, path, contentType, body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        if (violation != null) {
            assertThat(reply.json()
                            .path("violations")
                            .valueStream()
                            .map(v -> v.path("field").asString() + " "
                                    + v.path("rule").asString()))
                    .contains(violation);
        }
        assertNothingMadeInAws();
    }

    /** Each was answered without a problem (an empty body, Tomcat's HTML page) or with a 500. */
    static Stream<Arguments> requestsRefusedBeforeAController() {
        return Stream.of(
                Arguments.of(
                        "an Accept that is no media type",
                        "GET",
                        "/environments/no-such-id",
                        null,
                        new String[] {"Accept", "*/*;q=oops"},
                        404,
                        null),
                Arguments.of(
                        "an Accept that is no media type, with a bad body",
                        "POST",
                        "/plans",
                        "application/json",
                        new String[] {"Accept", ";;;"},
                        400,
                        " type"),
                Arguments.of(
                        "headers larger than the server takes",
                        "GET",
                        "/environments",
                        null,
                        new String[] {"Idempotency-Key", "k".repeat(10_000)},
                        400,
                        "headers size"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsRefusedBeforeAController")
    void aRequestRefusedBeforeAControllerIsAProblemToo(
            String why,
            String method,
            String path,
            String contentType,
            String[] headers,
            int status,
            String violation) {
        Reply reply = api.send(method, path, contentType, contentType == null ? null : "42", headers);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        if (violation != null) {
            assertThat(reply.json()
                            .path("violations")
                            .valueStream()
                            .map(v -> v.path("field").asString() + " "
                                    + v.path("rule").asString()))
                    .contains(violation);
        }
        assertNothingMadeInAws();
    }

    @Test
    void aPathThatIsNoUriIsAProblemOfTheCaller() {
        Reply slash = api.getOutsideContract("/environments/a%2Fb");
        Reply nul = api.getOutsideContract("/environments/a%00b");
        Reply notUtf8 = api.getOutsideContract("/environments/%C0%80");
        Reply tooLong = api.getOutsideContract("/environments/" + "a".repeat(10_000));

        assertThat(List.of(slash, nul, notUtf8, tooLong)).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.text("/type")).isEqualTo("urn:plinth:problem:invalid-request");
        });
        assertThat(List.of(slash, nul, notUtf8))
                .allSatisfy(
                        reply -> assertThat(reply.text("/violations/0/field")).isEqualTo("path"));
        assertThat(tooLong.text("/violations/0/field") + " " + tooLong.text("/violations/0/rule"))
                .isEqualTo("headers size");
    }

    /** The actuator's endpoints read the body of every request: a wildcard type for it was a 500. */
    @Test
    void aBodyOfAWildcardTypeIsNoServerError() {
        Reply health = api.send("GET", "/actuator/health", "application/*", "[]");
        Reply plans = api.send("POST", "/plans", "*/*", "{}");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(plans.status()).as(plans.body()).isEqualTo(415);
        assertThat(plans.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyThatIsNotJsonGets415() {
        Reply reply = api.send("POST", "/environments", "text/plain", "name=shop");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertNothingMadeInAws();
    }

    @Test
    void badQueryParametersAreNamed() {
        Reply status = api.get("/environments?status=SLEEPING");
        Reply limit = api.get("/environments?limit=1000");
        Reply token = api.get("/environments?pageToken=garbage");

        assertThat(List.of(status, limit, token))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(status.json().at("/violations/0/field").asString()).isEqualTo("status");
        assertThat(limit.json().at("/violations/0/field").asString()).isEqualTo("limit");
        assertThat(token.json().at("/violations/0/field").asString()).isEqualTo("pageToken");
    }

    @Test
    void unknownEnvironmentsAndPathsAre404ProblemsToo() {
        Reply environment = api.get("/environments/no-such-id");
        Reply path = api.getOutsideContract("/no-such-path");

        assertThat(environment.status()).isEqualTo(404);
        assertThat(environment.contentType()).startsWith("application/problem+json");
        assertThat(environment.text("/type")).isEqualTo("urn:plinth:problem:not-found");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.contentType()).startsWith("application/problem+json");
        assertThat(path.text("/type")).isEqualTo("urn:plinth:problem:http-404");
    }

    @Test
    void aLiveNameIsTakenUntilItsEnvironmentIsDeleted() {
        String body = spec(
                "taken-name", "eu-central-1", "\"network\": {\"cidr\": \"10.1.0.0/16\", \"natGateways\": \"none\"}");
        String id = api.create(body);

        Reply second = api.postJson("/environments", body);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("/type")).isEqualTo("urn:plinth:problem:name-taken");
        assertThat(second.json().at("/violations/0/field").asString()).isEqualTo("name");

        api.await(id, CONVERGE, "READY");
        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        String again = api.create(body);
        assertThat(again).isNotEqualTo(id);
        api.await(again, CONVERGE, "READY");
        api.delete("/environments/" + again);
        api.await(again, CONVERGE, "DELETED");
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyAnswersTheSameEnvironment() {
        String body = spec(
                "retried-post", "eu-central-1", "\"network\": {\"cidr\": \"10.2.0.0/16\", \"natGateways\": \"none\"}");
        Reply first = api.postJson("/environments", body, "Idempotency-Key", "portal-req-1");
        Reply retry = api.postJson("/environments", body, "Idempotency-Key", "portal-req-1");
        Reply changed = api.postJson(
                "/environments", body.replace("10.2.0.0/16", "10.3.0.0/16"), "Idempotency-Key", "portal-req-1");

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.text("/id")).isEqualTo(first.text("/id"));
        assertThat(retry.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.text("/environmentId")).isEqualTo(first.text("/id"));

        String id = first.text("/id");
        api.await(id, CONVERGE, "READY");
        assertThat(Ec2Inventory.managed(ec2("eu-central-1")).vpcs()).hasSize(1);
        JsonNode listed = api.get("/environments?name=retried-post").json();
        assertThat(listed.path("items")).hasSize(1);
        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    private void assertNothingMadeInAws() {
        assertThat(AWS.calls())
                .extracting(FaultProxy.Call::action)
                .as("AWS calls made for a refused request")
                .allMatch(action -> action.startsWith("Describe"));
        assertThat(Ec2Inventory.managed(ec2("eu-central-1")).size()).isZero();
        assertThat(api.get("/environments?name=shop").json().path("items")).isEmpty();
    }

    private static Arguments bad(String why, String body, String field, String rule) {
        return Arguments.of(why, body, field, rule);
    }

    private static String spec(String name, String region, String network) {
        return "{\"name\": \"" + name + "\", \"region\": \"" + region + "\", " + network + "}";
    }

    private static String net(String cidr) {
        return spec("shop", "eu-central-1", "\"network\": {\"cidr\": \"" + cidr + "\"}");
    }

    private static String withTags(String tags) {
        return "{\"name\": \"shop\", \"region\": \"eu-central-1\", \"tags\": " + tags + ", " + VALID_NETWORK + "}";
    }
}
