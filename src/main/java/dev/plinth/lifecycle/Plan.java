package dev.plinth.lifecycle;

import dev.plinth.cost.CostEstimate;
import dev.plinth.spec.Violation;
import java.util.List;

/**
 * What applying a spec would do, worked out without calling AWS to change anything: the resources to
 * create, to change in place (with the attribute changes), to replace and to delete; how many stay
 * as they are; what a change would be refused for ({@code refused} empty: it can be applied); and
 * what the environment would cost a month.
 */
public record Plan(
        List<Item> create,
        List<Item> update,
        List<Item> replace,
        List<Item> delete,
        int unchanged,
        List<Violation> refused,
        CostEstimate cost) {

    /** One resource of the plan; {@code changes} only for update and replace. */
    public record Item(String key, String kind, List<Change> changes) {}

    /** One attribute of a resource's desired state, before and after. */
    public record Change(String attribute, String from, String to) {}
}
