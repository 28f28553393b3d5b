package dev.plinth.testing.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The emulator's answer to a call, as a behaviour may rewrite it before the caller sees it. */
public record AwsAnswer(int status, Map<String, List<String>> headers, byte[] body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The JSON body of a JSON or REST-JSON answer. */
    public JsonNode json() {
        return JSON.readTree(body);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The same answer with another body. */
    public AwsAnswer withText(String text) {
        return new AwsAnswer(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A success with this body in place of the emulator's error (a resource AWS still lists that the
     * emulator has dropped), without the error's headers.
     */
    public AwsAnswer succeeded(String text) {
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet()
                .removeIf(name -> name.equalsIgnoreCase("x-amzn-ErrorType") || name.equalsIgnoreCase("Content-Length"));
        return new AwsAnswer(200, kept, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with another JSON body. */
    public AwsAnswer withJson(JsonNode json) {
        return withText(JSON.writeValueAsString(json));
    }
}
