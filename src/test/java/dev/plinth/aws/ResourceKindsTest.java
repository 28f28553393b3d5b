package dev.plinth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.plinth.deploy.IamPolicy;
import dev.plinth.engine.Layer;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every kind a handler makes has one entry, and the entries hold what preflight, orphans and the engine read. */
class ResourceKindsTest {

    /** A kind as a handler names it to its base class ({@code super(aws, Desired.class, "AWS::EC2::VPC")}). */
    private static final Pattern KIND = Pattern.compile("Desired\\.class,\\s*\"(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\"");

    private static final List<KindEntry> ENTRIES = ResourceKinds.inTeardownOrder();

    @Test
    void everyKindAHandlerMakesHasExactlyOneEntryAndEveryEntryAHandler() throws IOException {
        List<ResourceKind> handlerKinds = handlerKinds();

        assertThat(handlerKinds).as("kinds found in the handlers").hasSizeGreaterThan(30);
        assertThat(handlerKinds).as("one handler per kind").doesNotHaveDuplicates();
        assertThat(ENTRIES).extracting(KindEntry::kind).doesNotHaveDuplicates();
        assertThat(ENTRIES).extracting(KindEntry::kind).containsExactlyInAnyOrderElementsOf(handlerKinds);
        assertThat(handlerKinds)
                .allSatisfy(kind -> assertThat(ResourceKinds.find(kind))
                        .as(kind.name())
                        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(kind)));
        assertThat(ResourceKinds.find(ResourceKind.of("AWS::SQS::Queue"))).isEmpty();
    }

    @Test
    void everyEntryHasItsCreatePermissions() {
        assertThat(ENTRIES)
                .allSatisfy(e -> assertThat(e.creates()).as(e.kind().name()).isNotEmpty());
        assertThat(ResourceKinds.createNeedsOf(ResourceKind.of("AWS::SQS::Queue")))
                .isEmpty();
    }

    @Test
    void teardownOrderGoesLayerByLayerInReverseWithTheVpcLast() {
        assertThat(ENTRIES)
                .extracting(KindEntry::layer)
                .isSortedAccordingTo(Comparator.<Layer>naturalOrder().reversed());
        assertThat(ENTRIES.getLast().kind()).isEqualTo(ResourceKind.of("AWS::EC2::VPC"));
        assertThat(ENTRIES.stream().flatMap(e -> e.orphanForm().stream()))
                .extracting(OrphanForm::type)
                .doesNotHaveDuplicates();
    }

    @Test
    void everyActionSimulatedIsOnePlinthsPolicyNames() throws IOException {
        Set<String> named = IamPolicy.all().stream()
                .flatMap(p -> p.statements().stream())
                .flatMap(s -> IamPolicy.actions(s).stream())
                .collect(Collectors.toSet());

        assertThat(ENTRIES.stream().flatMap(e -> e.creates().stream()).flatMap(n -> n.actions().stream()))
                .isNotEmpty()
                .allSatisfy(action -> assertThat(named).as(action).contains(action));
    }

    @Test
    void aNeedsResourceIsFilledInForTheEnvironment() {
        CreateNeed passRole = ResourceKinds.createNeedsOf(ResourceKind.of("AWS::ECS::TaskDefinition")).stream()
                .filter(n -> n.actions().contains("iam:PassRole"))
                .findFirst()
                .orElseThrow();

        assertThat(passRole.resourceArn("eu-central-1", "123456789012", "shop"))
                .isEqualTo("arn:aws:iam::123456789012:role/plinth/plinth-shop-role");
        assertThat(passRole.context()).containsEntry("iam:PassedToService", "ecs-tasks.amazonaws.com");
        assertThat(passRole.namesBoundary()).isFalse();

        CreateNeed role =
                ResourceKinds.createNeedsOf(ResourceKind.of("AWS::IAM::Role")).getFirst();
        assertThat(role.namesBoundary()).isTrue();
        assertThat(role.context("arn:aws:iam::123456789012:policy/plinth/plinth-boundary"))
                .containsEntry("iam:PermissionsBoundary", "arn:aws:iam::123456789012:policy/plinth/plinth-boundary");
    }

    /**
     * The kind each handler class names to its base class, which answers {@code kind()} with it: one per
     * class that makes resources (not abstract), read from its source.
     */
    private static List<ResourceKind> handlerKinds() throws IOException {
        List<ResourceKind> kinds = new ArrayList<>();
        for (JavaClass handler : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.plinth.aws")) {
            if (!handler.isAssignableTo(ResourceHandler.class)
                    || handler.isInterface()
                    || handler.getModifiers().contains(JavaModifier.ABSTRACT)) {
                continue;
            }
            Path source = Path.of("src/main/java", handler.getName().replace('.', '/') + ".java");
            List<String> named = KIND.matcher(Files.readString(source))
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            assertThat(named)
                    .as("the kind " + handler.getSimpleName() + " names")
                    .hasSize(1);
            kinds.add(ResourceKind.of(named.getFirst()));
        }
        return kinds;
    }
}
