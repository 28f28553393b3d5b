package dev.plinth.aws.network;

import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What a describe call of an EC2 kind asks for: one id (the recorded one), or the resources that pass
 * filters (the tags of this environment and key). Each kind's request names them its own way.
 *
 * @param id      the id asked for, or null when filters are
 * @param filters the filters, when no id is asked for
 */
record Ec2Query(String id, List<Filter> filters) {

    static Ec2Query byId(String id) {
        return new Ec2Query(id, List.of());
    }

    static Ec2Query byFilters(List<Filter> filters) {
        return new Ec2Query(null, filters);
    }

    /** Sets the request's id ({@code ids}) or its filters ({@code byFilters}), whichever this asks for. */
    void applyTo(Consumer<String> ids, Consumer<List<Filter>> byFilters) {
        if (id != null) {
            ids.accept(id);
        } else {
            byFilters.accept(filters);
        }
    }
}
