package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An EFS file system and its mount targets are {@code creating} before they are {@code available}, and
 * {@code deleting} (still listed) for a while after their delete; the emulator has them available at
 * once and gone at once. AWS refuses a mount target on a file system that is not available yet
 * (IncorrectFileSystemLifeCycleState) and the deletion of a file system that still has mount targets,
 * deleting ones included (FileSystemInUse). Source: the EFS API reference, CreateFileSystem (LifeCycleState
 * creating, then available), CreateMountTarget ("the file system must be in the available state"; about
 * 90 seconds until the mount target is available), DeleteFileSystem (FileSystemInUse while mount targets
 * remain); terraform-provider-aws internal/service/efs/mount_target.go waits up to 30 minutes for
 * creating and 10 for deleting.
 */
final class EfsStates implements Behaviour {

    static final String CREATING = "creating";
    static final String DELETING = "deleting";

    private static final Duration CREATE_FILE_SYSTEM = Duration.ofSeconds(30);
    private static final Duration CREATE_MOUNT_TARGET = Duration.ofSeconds(90);
    private static final Duration DELETE_MOUNT_TARGET = Duration.ofMinutes(1);
    private static final Duration DELETE_FILE_SYSTEM = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILE_SYSTEMS = "/2015-02-01/file-systems";
    private static final String MOUNT_TARGETS = "/2015-02-01/mount-targets";
    private static final Pattern ONE = Pattern.compile("/2015-02-01/(file-systems|mount-targets)/([^/]+)");

    private final Timeline timeline;
    /** The last description seen of each file system and mount target, by id, answered while it is deleting. */
    private final Map<String, ObjectNode> lastSeen = new ConcurrentHashMap<>();

    EfsStates(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "efs-states";
    }

    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.service().equals("elasticfilesystem")) {
            return Optional.empty();
        }
        if (call.method().equals("POST") && call.path().equals(MOUNT_TARGETS)) {
            String fileSystem = call.json().path("FileSystemId").asString();
            if (timeline.isIn(fileSystem, CREATING)) {
                return Optional.of(new AwsError(
                        409,
                        "IncorrectFileSystemLifeCycleState",
                        "File system " + fileSystem + " is in life cycle state creating, not available"));
            }
        }
        Matcher one = ONE.matcher(call.path());
        if (call.method().equals("DELETE")
                && one.matches()
                && one.group(1).equals("file-systems")
                && lastSeen.values().stream()
                        .anyMatch(mt -> mt.path("FileSystemId").asString().equals(one.group(2))
                                && timeline.isIn(mt.path("MountTargetId").asString(), DELETING))) {
            return Optional.of(
                    new AwsError(409, "FileSystemInUse", "File system " + one.group(2) + " has mount targets"));
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("elasticfilesystem")) {
            return answer;
        }
        Matcher one = ONE.matcher(call.path());
        switch (call.method()) {
            case "POST" -> {
                if (!answer.ok()) {
                    return answer;
                }
                if (call.path().equals(FILE_SYSTEMS)) {
                    return started(answer, "FileSystemId", CREATE_FILE_SYSTEM);
                }
                if (call.path().equals(MOUNT_TARGETS)) {
                    return started(answer, "MountTargetId", CREATE_MOUNT_TARGET);
                }
            }
            case "DELETE" -> {
                if (answer.ok() && one.matches()) {
                    timeline.start(
                            one.group(2),
                            new Phase(
                                    DELETING,
                                    one.group(1).equals("file-systems") ? DELETE_FILE_SYSTEM : DELETE_MOUNT_TARGET));
                }
            }
            case "GET" -> {
                if (call.path().equals(FILE_SYSTEMS)) {
                    return listed(call, answer, "FileSystems", "FileSystemId", "FileSystemId");
                }
                if (call.path().equals(MOUNT_TARGETS)) {
                    return listed(call, answer, "MountTargets", "MountTargetId", "MountTargetId");
                }
            }
            default -> {}
        }
        return answer;
    }

    private AwsAnswer started(AwsAnswer answer, String idField, Duration creating) {
        ObjectNode item = (ObjectNode) answer.json();
        String id = item.path(idField).asString();
        timeline.start(id, new Phase(CREATING, creating));
        return answer.withJson(seen(id, item));
    }

    /**
     * A describe answer with each item in the state it has reached, and the items AWS still lists as
     * deleting that the emulator has dropped: asked for by id (the emulator answers not found), or among
     * a file system's mount targets.
     */
    private AwsAnswer listed(AwsCall call, AwsAnswer answer, String list, String idField, String byIdParameter) {
        String byId = query(call, byIdParameter);
        ObjectNode body;
        if (answer.ok()) {
            body = (ObjectNode) answer.json();
        } else if (byId != null && timeline.isIn(byId, DELETING) && lastSeen.containsKey(byId)) {
            body = JSON.createObjectNode();
            body.putArray(list);
        } else {
            return answer;
        }
        ArrayNode items = (ArrayNode) body.path(list);
        for (JsonNode item : items) {
            seen(item.path(idField).asString(), (ObjectNode) item);
        }
        String fileSystem = query(call, "FileSystemId");
        lastSeen.forEach((id, item) -> {
            boolean asked = id.equals(byId)
                    || list.equals("MountTargets")
                            && byId == null
                            && item.has("MountTargetId")
                            && item.path("FileSystemId").asString().equals(fileSystem);
            if (asked && !listed(items, idField, id) && timeline.isIn(id, DELETING)) {
                items.add(item.deepCopy().put("LifeCycleState", DELETING));
            }
        });
        return answer.succeeded(JSON.writeValueAsString(body));
    }

    private static boolean listed(ArrayNode items, String idField, String id) {
        for (JsonNode item : items) {
            if (item.path(idField).asString().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The item in the state it has reached, remembered as it is now. */
    private ObjectNode seen(String id, ObjectNode item) {
        timeline.stateOf(id).ifPresent(state -> item.put("LifeCycleState", state));
        lastSeen.put(id, item.deepCopy());
        return item;
    }

    private static String query(AwsCall call, String name) {
        if (call.query() == null) {
            return null;
        }
        for (String pair : call.query().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void reset() {
        timeline.reset();
        lastSeen.clear();
    }
}
