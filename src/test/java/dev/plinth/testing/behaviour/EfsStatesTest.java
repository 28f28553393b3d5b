package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.error;
import static dev.plinth.testing.behaviour.Answers.ok;
import static dev.plinth.testing.behaviour.Answers.rest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EfsStatesTest {

    private static final String FILE_SYSTEM = "{\"FileSystemId\":\"fs-1\",\"LifeCycleState\":\"available\"}";
    private static final String MOUNT_TARGET =
            "{\"MountTargetId\":\"fsmt-1\",\"FileSystemId\":\"fs-1\",\"SubnetId\":\"subnet-1\","
                    + "\"LifeCycleState\":\"available\"}";
    private static final AwsCall CREATE_FILE_SYSTEM =
            rest("elasticfilesystem", "POST", "/2015-02-01/file-systems", null, "{\"CreationToken\":\"t\"}");
    private static final AwsCall DESCRIBE_FILE_SYSTEM =
            rest("elasticfilesystem", "GET", "/2015-02-01/file-systems", "FileSystemId=fs-1", "");
    private static final AwsCall CREATE_MOUNT_TARGET = rest(
            "elasticfilesystem",
            "POST",
            "/2015-02-01/mount-targets",
            null,
            "{\"FileSystemId\":\"fs-1\",\"SubnetId\":\"subnet-1\"}");
    private static final AwsCall MOUNT_TARGETS_OF_FILE_SYSTEM =
            rest("elasticfilesystem", "GET", "/2015-02-01/mount-targets", "FileSystemId=fs-1", "");
    private static final AwsCall DELETE_FILE_SYSTEM =
            rest("elasticfilesystem", "DELETE", "/2015-02-01/file-systems/fs-1", null, "");

    private final EfsStates aws = new EfsStates(AwsTime.scaled(1));

    @Test
    void aNewFileSystemIsCreatingAndTakesNoMountTargetYet() {
        aws.after(CREATE_FILE_SYSTEM, ok(FILE_SYSTEM));

        assertThat(aws.after(DESCRIBE_FILE_SYSTEM, ok("{\"FileSystems\":[" + FILE_SYSTEM + "]}"))
                        .json()
                        .path("FileSystems")
                        .get(0)
                        .path("LifeCycleState")
                        .asString())
                .isEqualTo("creating");
        assertThat(aws.before(CREATE_MOUNT_TARGET))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("IncorrectFileSystemLifeCycleState");
    }

    @Test
    void aNewMountTargetIsCreating() {
        aws.after(CREATE_MOUNT_TARGET, ok(MOUNT_TARGET));

        assertThat(aws.after(MOUNT_TARGETS_OF_FILE_SYSTEM, ok("{\"MountTargets\":[" + MOUNT_TARGET + "]}"))
                        .json()
                        .path("MountTargets")
                        .get(0)
                        .path("LifeCycleState")
                        .asString())
                .isEqualTo("creating");
    }

    @Test
    void aDeletedMountTargetStaysListedAsDeletingAndHoldsItsFileSystem() {
        aws.after(MOUNT_TARGETS_OF_FILE_SYSTEM, ok("{\"MountTargets\":[" + MOUNT_TARGET + "]}"));
        aws.after(rest("elasticfilesystem", "DELETE", "/2015-02-01/mount-targets/fsmt-1", null, ""), ok(""));

        var listed = aws.after(MOUNT_TARGETS_OF_FILE_SYSTEM, ok("{\"MountTargets\":[]}"))
                .json()
                .path("MountTargets");
        var byId = aws.after(
                rest("elasticfilesystem", "GET", "/2015-02-01/mount-targets", "MountTargetId=fsmt-1", ""),
                error(404, "{\"ErrorCode\":\"MountTargetNotFound\"}"));

        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("LifeCycleState").asString()).isEqualTo("deleting");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().path("MountTargets").get(0).path("MountTargetId").asString())
                .isEqualTo("fsmt-1");
        assertThat(aws.before(DELETE_FILE_SYSTEM))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("FileSystemInUse");
    }

    @Test
    void aDeletedFileSystemStaysListedAsDeleting() {
        aws.after(DESCRIBE_FILE_SYSTEM, ok("{\"FileSystems\":[" + FILE_SYSTEM + "]}"));
        aws.after(DELETE_FILE_SYSTEM, ok(""));

        var answer = aws.after(DESCRIBE_FILE_SYSTEM, error(404, "{\"ErrorCode\":\"FileSystemNotFound\"}"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()
                        .path("FileSystems")
                        .get(0)
                        .path("LifeCycleState")
                        .asString())
                .isEqualTo("deleting");
    }
}
