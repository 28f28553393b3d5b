package dev.plinth.testing.behaviour;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The tags a call sets and the tag keys it removes, in each protocol's shape: EC2's
 * {@code TagSpecification.1.Tag.1.Key} and {@code Tag.1.Key}, the query APIs' {@code Tags.member.1.Key}
 * (RDS: {@code Tags.Tag.1.Key}) and {@code TagKeys.member.1}, JSON's {@code tags}/{@code Tags} (a list of
 * key and value, or a map) and {@code tagKeys}, and the {@code <Tag><Key>} of XML bodies.
 */
record RequestTags(Map<String, String> set, List<String> removed) {

    private static final Pattern QUERY_KEY = Pattern.compile("^(.*\\.)?(?:Tag|member)\\.(\\d+)\\.Key$");
    private static final Pattern QUERY_REMOVED = Pattern.compile("^TagKeys\\.member\\.\\d+$");
    private static final Pattern XML_TAG =
            Pattern.compile("<Tag>\\s*<Key>([^<]*)</Key>\\s*<Value>([^<]*)</Value>\\s*</Tag>");

    static RequestTags of(AwsCall call) {
        return switch (call.protocol()) {
            case EC2, QUERY -> query(call);
            case JSON, REST_JSON -> json(call);
            case REST_XML, S3 -> xml(call);
        };
    }

    boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }

    private static RequestTags query(AwsCall call) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        boolean untag = call.action().equals("DeleteTags");
        for (String pair : call.body().split("&")) {
            String name = URLDecoder.decode(pair.substring(0, Math.max(pair.indexOf('='), 0)), StandardCharsets.UTF_8);
            Matcher key = QUERY_KEY.matcher(name);
            if (key.matches()) {
                String k = call.param(name);
                if (untag) {
                    removed.add(k);
                } else {
                    String v = call.param(name.substring(0, name.length() - "Key".length()) + "Value");
                    set.put(k, v == null ? "" : v);
                }
            } else if (QUERY_REMOVED.matcher(name).matches()) {
                removed.add(call.param(name));
            }
        }
        return new RequestTags(set, removed);
    }

    private static RequestTags json(AwsCall call) {
        JsonNode body = call.json();
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (String field : List.of("tags", "Tags")) {
            JsonNode tags = body.path(field);
            if (tags.isArray()) {
                tags.forEach(t -> set.put(
                        t.has("key") ? t.path("key").asString() : t.path("Key").asString(),
                        t.has("value")
                                ? t.path("value").asString()
                                : t.path("Value").asString()));
            } else if (tags.isObject()) {
                tags.properties().forEach(e -> set.put(e.getKey(), e.getValue().asString()));
            }
        }
        for (String field : List.of("tagKeys", "TagKeys")) {
            body.path(field).forEach(k -> removed.add(k.asString()));
        }
        if (call.query() != null) {
            Matcher keys = Pattern.compile("(?:^|&)tagKeys=([^&]*)").matcher(call.query());
            while (keys.find()) {
                removed.add(keys.group(1));
            }
        }
        return new RequestTags(set, removed);
    }

    private static RequestTags xml(AwsCall call) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        Matcher tag = XML_TAG.matcher(call.body());
        while (tag.find()) {
            set.put(tag.group(1), tag.group(2));
        }
        Matcher key =
                Pattern.compile("<TagKeys>(.*?)</TagKeys>", Pattern.DOTALL).matcher(call.body());
        if (key.find()) {
            Matcher k = Pattern.compile("<Key>([^<]*)</Key>").matcher(key.group(1));
            while (k.find()) {
                removed.add(k.group(1));
            }
        }
        return new RequestTags(set, removed);
    }

    /** The condition keys of the tags a call sets or removes: {@code aws:RequestTag/…} and {@code aws:TagKeys}. */
    Map<String, List<String>> context() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        set.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
        List<String> keys = new ArrayList<>(set.keySet());
        keys.addAll(removed);
        if (!keys.isEmpty()) {
            context.put("aws:TagKeys", keys);
        }
        return context;
    }
}
