package dev.plinth.engine;

import java.util.regex.Pattern;

/**
 * A kind of AWS resource, named as CloudFormation names its type ({@code AWS::EC2::VPC}): what a handler
 * makes, what events, metrics and timeouts are kept by, and what a plan shows.
 */
public record ResourceKind(String name) implements Comparable<ResourceKind> {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9]+(::[A-Za-z0-9]+)+");

    public ResourceKind {
        if (!TYPE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a resource type such as AWS::EC2::VPC: " + name);
        }
    }

    public static ResourceKind of(String name) {
        return new ResourceKind(name);
    }

    @Override
    public int compareTo(ResourceKind other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
