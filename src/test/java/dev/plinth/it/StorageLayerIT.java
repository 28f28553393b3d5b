package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.engine.Tags;
import dev.plinth.testing.EndToEndTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;
import software.amazon.awssdk.services.efs.model.MountTargetNotFoundException;
import tools.jackson.databind.JsonNode;

/** The storage layer built over a three-zone network, read back with the EFS API, and torn down. */
class StorageLayerIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";

    @Test
    void anEncryptedFileSystemWithAMountTargetPerPrivateSubnetAndAnAccessPointTearsDownToNothing() {
        String id = api.create("""
                {"name": "files", "region": "eu-central-1",
                 "network": {"cidr": "10.61.0.0/16", "availabilityZones": 3, "natGateways": "none"},
                 "fileSystem": {"enabled": true, "mountPath": "/data"}}""");

        JsonNode env = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(env.path("status").asString()).as(env.toString()).isEqualTo("READY");

        try (EfsClient efs = emulated(EfsClient.builder(), REGION)) {
            List<FileSystemDescription> fileSystems = ownedBy(efs, id);
            assertThat(fileSystems).singleElement().satisfies(fs -> {
                assertThat(fs.encrypted()).isTrue();
                assertThat(fs.performanceModeAsString()).isEqualTo("generalPurpose");
                assertThat(fs.throughputModeAsString()).isEqualTo("elastic");
                assertThat(fs.lifeCycleStateAsString()).isEqualTo("available");
                assertThat(fs.name()).isEqualTo("files-file-system");
                assertThat(tag(fs.tags(), Tags.MANAGED_BY)).isEqualTo("plinth");
                assertThat(fs.fileSystemId())
                        .isEqualTo(env.at("/outputs/fileSystemId").asString());
            });
            String fileSystemId = fileSystems.getFirst().fileSystemId();

            Map<String, String> privateSubnets = subnetsOf(id, "subnet/private/");
            String fileSystemGroup = ec2(REGION)
                    .describeSecurityGroups(r -> r.filters(
                            Filter.builder()
                                    .name("tag:" + Tags.ENVIRONMENT_ID)
                                    .values(id)
                                    .build(),
                            Filter.builder()
                                    .name("tag:" + Tags.RESOURCE_KEY)
                                    .values("security-group/file-system")
                                    .build()))
                    .securityGroups()
                    .stream()
                    .map(SecurityGroup::groupId)
                    .findFirst()
                    .orElseThrow();
            List<MountTargetDescription> mountTargets =
                    efs.describeMountTargets(r -> r.fileSystemId(fileSystemId)).mountTargets();
            assertThat(mountTargets)
                    .extracting(MountTargetDescription::subnetId)
                    .containsExactlyInAnyOrderElementsOf(privateSubnets.values());
            assertThat(mountTargets).allSatisfy(mt -> {
                assertThat(mt.lifeCycleStateAsString()).isEqualTo("available");
                assertThat(efs.describeMountTargetSecurityGroups(r -> r.mountTargetId(mt.mountTargetId()))
                                .securityGroups())
                        .containsExactly(fileSystemGroup);
            });

            List<AccessPointDescription> accessPoints =
                    efs.describeAccessPoints(r -> r.fileSystemId(fileSystemId)).accessPoints();
            assertThat(accessPoints).singleElement().satisfies(ap -> {
                assertThat(ap.accessPointId())
                        .isEqualTo(env.at("/outputs/accessPointId").asString());
                assertThat(ap.posixUser().uid()).isEqualTo(1000L);
                assertThat(ap.posixUser().gid()).isEqualTo(1000L);
                assertThat(ap.rootDirectory().path()).isEqualTo("/files");
                assertThat(ap.rootDirectory().creationInfo().ownerUid()).isEqualTo(1000L);
                assertThat(ap.rootDirectory().creationInfo().ownerGid()).isEqualTo(1000L);
                assertThat(ap.rootDirectory().creationInfo().permissions()).isEqualTo("0755");
                assertThat(tag(ap.tags(), Tags.ENVIRONMENT_ID)).isEqualTo(id);
            });

            assertThat(api.get("/environments/" + id + "/resources")
                            .json()
                            .path("items")
                            .valueStream()
                            .filter(r -> r.path("key").asString().startsWith("file-system"))
                            .map(r -> r.path("kind").asString() + " "
                                    + r.path("state").asString()))
                    .containsExactlyInAnyOrder(
                            "AWS::EFS::FileSystem READY",
                            "AWS::EFS::AccessPoint READY",
                            "AWS::EFS::MountTarget READY",
                            "AWS::EFS::MountTarget READY",
                            "AWS::EFS::MountTarget READY");

            assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
            JsonNode gone = api.await(id, CONVERGE, "DELETED", "DELETE_FAILED");
            assertThat(gone.path("status").asString()).as(gone.toString()).isEqualTo("DELETED");

            assertThat(efs.describeFileSystems().fileSystems())
                    .as("file systems left")
                    .isEmpty();
            assertThat(efs.describeAccessPoints(r -> {}).accessPoints())
                    .as("access points left")
                    .isEmpty();
            assertThat(mountTargets)
                    .allSatisfy(mt -> assertThatThrownBy(
                                    () -> efs.describeMountTargets(r -> r.mountTargetId(mt.mountTargetId())))
                            .isInstanceOf(MountTargetNotFoundException.class));
            assertThat(ec2(REGION).describeNetworkInterfaces().networkInterfaces())
                    .as("mount target interfaces left")
                    .isEmpty();
            assertNothingTagged(REGION, id);
        }
    }

    private static List<FileSystemDescription> ownedBy(EfsClient efs, String environmentId) {
        return efs.describeFileSystems().fileSystems().stream()
                .filter(fs -> environmentId.equals(tag(fs.tags(), Tags.ENVIRONMENT_ID)))
                .toList();
    }

    /** Subnet ids by resource key, for the keys that start with {@code prefix}. */
    private static Map<String, String> subnetsOf(String environmentId, String prefix) {
        return ec2(REGION)
                .describeSubnets(r -> r.filters(Filter.builder()
                        .name("tag:" + Tags.ENVIRONMENT_ID)
                        .values(environmentId)
                        .build()))
                .subnets()
                .stream()
                .collect(Collectors.toMap(s -> ec2Tag(s, Tags.RESOURCE_KEY), Subnet::subnetId))
                .entrySet()
                .stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String ec2Tag(Subnet subnet, String key) {
        return subnet.tags().stream()
                .filter(t -> t.key().equals(key))
                .map(t -> t.value())
                .findFirst()
                .orElse(null);
    }

    private static String tag(List<software.amazon.awssdk.services.efs.model.Tag> tags, String key) {
        return tags.stream()
                .filter(t -> t.key().equals(key))
                .map(t -> t.value())
                .findFirst()
                .orElse(null);
    }
}
