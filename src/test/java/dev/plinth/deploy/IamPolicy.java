package dev.plinth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's IAM policy document (helm-free-deploy/iam/plinth-policy.json), read as IAM reads it
 * far enough to answer which actions it allows: an action is allowed when an {@code Allow}
 * statement's {@code Action} matches it, case-insensitively, with {@code *} and {@code ?} as wildcards.
 * Resources and conditions narrow an allowed action further; they are not evaluated here.
 */
public final class IamPolicy {

    public static final Path FILE = Path.of("helm-free-deploy", "iam", "plinth-policy.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String text;
    private final JsonNode document;

    private IamPolicy(String text, JsonNode document) {
        this.text = text;
        this.document = document;
    }

    public static IamPolicy load() {
        return load(FILE);
    }

    public static IamPolicy load(Path file) {
        try {
            String text = Files.readString(file);
            return new IamPolicy(text, JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return text;
    }

    public JsonNode document() {
        return document;
    }

    public List<JsonNode> statements() {
        JsonNode statement = document.path("Statement");
        return statement.isArray() ? statement.valueStream().toList() : List.of(statement);
    }

    /** A statement's {@code Action}, a string or an array of strings, as a list. */
    public static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        if (action.isString()) {
            return List.of(action.asString());
        }
        var actions = new ArrayList<String>();
        action.valueStream().forEach(a -> actions.add(a.asString()));
        return actions;
    }

    /** Whether an {@code Allow} statement names {@code action} (for example {@code ec2:CreateVpc}). */
    public boolean allows(String action) {
        return statements().stream()
                .filter(s -> "Allow".equals(s.path("Effect").asString()))
                .flatMap(s -> actions(s).stream())
                .anyMatch(pattern -> matches(pattern, action));
    }

    /** IAM's wildcard matching of actions: case-insensitive, {@code *} any run of characters, {@code ?} one. */
    public static boolean matches(String pattern, String action) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }
}
