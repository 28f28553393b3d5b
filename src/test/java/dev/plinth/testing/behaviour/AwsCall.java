package dev.plinth.testing.behaviour;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One AWS request as the front saw it.
 *
 * @param service the SigV4 signing name: {@code ec2}, {@code rds}, {@code ecs}, {@code elasticfilesystem}…
 * @param region  from the credential scope
 * @param action  {@code Action=} of a query-protocol body, the operation of an {@code X-Amz-Target}, or
 *                {@code METHOD /path} of a REST API
 * @param path    the decoded path, for REST APIs ({@code /2015-02-01/file-systems})
 * @param query   the decoded query string of a REST call, or null
 * @param body    the request body as text
 */
public record AwsCall(
        String service,
        String region,
        String action,
        Protocol protocol,
        String method,
        String path,
        String query,
        String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A form parameter of a query-protocol call, such as {@code GroupName}; null if it has none. */
    public String param(String name) {
        for (String pair : body.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The values of a list parameter in body order: {@code params("Subnets.member")} gives
     * {@code Subnets.member.1}, {@code Subnets.member.2}…; EC2's flat lists work the same way
     * ({@code params("SubnetId")}).
     */
    public List<String> params(String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.\\d+");
        List<String> values = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && p.matcher(pair.substring(0, eq)).matches()) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Every parameter value of a form-encoded (query or EC2) call, in body order. */
    public List<String> values() {
        List<String> values = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The JSON body of a JSON or REST-JSON call (an empty object when there is none). */
    public JsonNode json() {
        return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    /** Whether this is the call: the same service and action. */
    public boolean is(String service, String action) {
        return this.service.equals(service) && this.action.equals(action);
    }
}
