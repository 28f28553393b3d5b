package dev.plinth.aws.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.deploy.IamPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CreatePermissionsTest {

    /** A kind as a handler names it to its base class ({@code super(aws, Desired.class, "AWS::EC2::VPC")}). */
    private static final Pattern KIND = Pattern.compile("Desired\\.class,\\s*\"(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\"");

    @Test
    void everyKindAHandlerMakesHasItsCreatePermissions() throws IOException {
        Set<String> kinds = handlerKinds();

        assertThat(kinds).as("kinds found in the handlers").hasSizeGreaterThan(30);
        assertThat(kinds)
                .allSatisfy(
                        kind -> assertThat(CreatePermissions.of(kind)).as(kind).isNotEmpty());
    }

    @Test
    void everyActionSimulatedIsOnePlinthsPolicyNames() throws IOException {
        Set<String> named = IamPolicy.all().stream()
                .flatMap(p -> p.statements().stream())
                .flatMap(s -> IamPolicy.actions(s).stream())
                .collect(Collectors.toSet());

        assertThat(handlerKinds().stream()
                        .flatMap(k -> CreatePermissions.of(k).stream())
                        .flatMap(n -> n.actions().stream()))
                .isNotEmpty()
                .allSatisfy(action -> assertThat(named).as(action).contains(action));
    }

    /** The kinds the handlers name to their base class, which answers {@code kind()} with it. */
    private static Set<String> handlerKinds() throws IOException {
        Set<String> kinds = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/plinth/aws"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith("Handler.java")).toList()) {
                KIND.matcher(Files.readString(file)).results().forEach(m -> kinds.add(m.group(1)));
            }
        }
        return kinds;
    }

    @Test
    void aNeedsResourceIsFilledInForTheEnvironment() {
        CreatePermissions.Need passRole = CreatePermissions.of("AWS::ECS::TaskDefinition").stream()
                .filter(n -> n.actions().contains("iam:PassRole"))
                .findFirst()
                .orElseThrow();

        assertThat(passRole.resourceArn("eu-central-1", "123456789012", "shop"))
                .isEqualTo("arn:aws:iam::123456789012:role/plinth/plinth-shop-role");
        assertThat(passRole.context()).containsEntry("iam:PassedToService", "ecs-tasks.amazonaws.com");

        CreatePermissions.Need role = CreatePermissions.of("AWS::IAM::Role").getFirst();
        assertThat(role.context("arn:aws:iam::123456789012:policy/plinth/plinth-boundary"))
                .containsEntry("iam:PermissionsBoundary", "arn:aws:iam::123456789012:policy/plinth/plinth-boundary");
    }
}
