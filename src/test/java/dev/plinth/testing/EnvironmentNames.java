package dev.plinth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import dev.plinth.spec.AlarmsSpec;
import dev.plinth.spec.AutoscalingSpec;
import dev.plinth.spec.AutoscalingSpec.ScheduleSpec;
import dev.plinth.spec.CdnSpec;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.FileSystemSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.ServiceSpec;
import dev.plinth.spec.SpecValidator;
import dev.plinth.testing.behaviour.NameRule;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Environment names the spec validator accepts, for the property tests of the names plinth derives
 * from them. Besides random names they are built from the pieces AWS's naming rules trip on: reserved
 * prefixes ({@code sg-}, {@code internal-}, {@code xn--}), runs of hyphens, and the longest names.
 */
public final class EnvironmentNames {

    public static final String REGION = "eu-central-1";
    public static final List<String> ZONES = List.of("eu-central-1a", "eu-central-1b", "eu-central-1c");

    private static final SpecValidator VALIDATOR = new SpecValidator();
    private static final NetworkSpec NETWORK = new NetworkSpec("10.42.0.0/16", 3, NatGatewayMode.PER_AZ);
    private static final String LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final List<String> PIECES_AWS_TRIPS_ON = List.of(
            "sg-",
            "internal",
            "internal-",
            "default",
            "xn--",
            "sthree-",
            "amzn-s3-demo-",
            "-",
            "--",
            "---",
            "aws-",
            "db-");

    private EnvironmentNames() {}

    /** Names {@code POST /environments} takes. */
    public static Arbitrary<String> accepted() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.strings()
                                .withChars(LETTERS_AND_DIGITS)
                                .ofMinLength(1)
                                .ofMaxLength(12)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withChars(LETTERS_AND_DIGITS + "-")
                                .ofMinLength(28)
                                .ofMaxLength(40)),
                Tuple.of(3, Arbitraries.of(PIECES_AWS_TRIPS_ON)));
        return piece.list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(pieces -> String.join("", pieces))
                .filter(EnvironmentNames::isAccepted);
    }

    /** Environment ids, as plinth gives them. */
    public static Arbitrary<String> ids() {
        return Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    public static boolean isAccepted(String name) {
        return VALIDATOR
                .validate(new EnvironmentSpec(name, REGION, Map.of(), NETWORK))
                .isEmpty();
    }

    /** A spec of this name with every section on, so that every resource plinth can make is in its graph. */
    public static EnvironmentSpec everything(String name, DatabaseEngine engine) {
        var scaling = new AutoscalingSpec(
                null,
                1,
                4,
                60,
                70,
                List.of(
                        new ScheduleSpec("Nights_" + "n".repeat(57), "cron(0 18 ? * MON-FRI *)", 0, 0),
                        new ScheduleSpec("mornings", "cron(0 8 ? * MON-FRI *)", 1, 4)));
        Boolean rds = engine == DatabaseEngine.DYNAMODB ? null : true;
        var database = new DatabaseSpec(null, engine, null, null, rds, rds, null, null, null, null, null);
        var spec = new EnvironmentSpec(
                name,
                REGION,
                null,
                Map.of(),
                NETWORK,
                database,
                new FileSystemSpec(null, "/data"),
                new ServiceSpec(
                        null, "public.ecr.aws/nginx/nginx:stable", 80, 256, 512, 2, "/", Map.of(), scaling, null),
                new CdnSpec(null, true),
                new AlarmsSpec(null));
        if (!VALIDATOR.validate(spec).isEmpty()) {
            throw new IllegalArgumentException("not a valid spec: " + VALIDATOR.validate(spec));
        }
        return spec.withDefaults();
    }

    /** What the handler of the resource {@code key} knows while it creates the resource. */
    public static ResourceContext context(ResourceKey key, String name, String id) {
        return ResourceContext.of(id, name, REGION, key, null, Map.of(), Map.of());
    }

    /** Fails unless AWS takes {@code derived} as a name of the rule's kind. */
    public static void assertKeeps(NameRule rule, String derived) {
        assertThat(rule.allows(derived)).as("%s '%s'", rule.kind(), derived).isTrue();
    }
}
