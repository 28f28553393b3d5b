package dev.plinth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of the service's IAM policy documents (helm-free-deploy/iam/*.json): the managed policies its role
 * has, all together. How IAM evaluates them is {@link dev.plinth.testing.IamEvaluator}'s business; this
 * class only reads them.
 */
public record IamPolicy(String name, String text, JsonNode document) {

    public static final Path FOLDER = Path.of("helm-free-deploy", "iam");

    /**
     * The permissions boundary of the roles plinth makes, which the deployment creates beside the policies
     * (README, "The IAM role"): a document of the folder, but not one of plinth's own.
     */
    public static final String BOUNDARY = "plinth-boundary-policy";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every policy document of the folder that plinth's own role has, by file name: all but the boundary. */
    public static List<IamPolicy> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(IamPolicy::load)
                    .filter(p -> !p.name().equals(BOUNDARY))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents by name, as the evaluator takes them. */
    public static Map<String, JsonNode> documents() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        all().forEach(p -> documents.put(p.name(), p.document()));
        return documents;
    }

    /** The permissions boundary of the roles plinth makes. */
    public static IamPolicy boundary() {
        return load(FOLDER.resolve(BOUNDARY + ".json"));
    }

    static IamPolicy load(Path file) {
        try {
            String text = Files.readString(file);
            return new IamPolicy(file.getFileName().toString().replace(".json", ""), text, JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its size as IAM counts it: the characters other than white space. */
    public long size() {
        return text.chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    public List<JsonNode> statements() {
        JsonNode statement = document.path("Statement");
        return statement.isArray() ? statement.valueStream().toList() : List.of(statement);
    }

    /** A statement's {@code Action}, a string or an array of strings, as a list. */
    public static List<String> actions(JsonNode statement) {
        return strings(statement.path("Action"));
    }

    /** A statement's {@code Resource}, a string or an array of strings, as a list. */
    public static List<String> resources(JsonNode statement) {
        return strings(statement.path("Resource"));
    }

    private static List<String> strings(JsonNode node) {
        if (node.isString()) {
            return List.of(node.asString());
        }
        var strings = new ArrayList<String>();
        node.valueStream().forEach(a -> strings.add(a.asString()));
        return strings;
    }
}
