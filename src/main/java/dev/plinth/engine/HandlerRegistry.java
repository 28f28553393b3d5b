package dev.plinth.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the handler for a node by the class of its desired record. */
@Component
public class HandlerRegistry {

    private final Map<Class<?>, ResourceHandler<?>> byDesiredType = new HashMap<>();
    private final Map<ResourceKind, ResourceHandler<?>> byKind = new HashMap<>();

    public HandlerRegistry(List<ResourceHandler<?>> handlers) {
        for (ResourceHandler<?> handler : handlers) {
            ResourceHandler<?> previous = byDesiredType.put(handler.desiredType(), handler);
            if (previous != null) {
                throw new IllegalStateException(handler.desiredType().getSimpleName() + " has two handlers: "
                        + previous.kind() + " and " + handler.kind());
            }
            byKind.putIfAbsent(handler.kind(), handler);
        }
    }

    /** The handler of a kind; empty for a kind no handler makes (any more). */
    Optional<ResourceHandler<?>> handlerOf(ResourceKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    @SuppressWarnings("unchecked")
    <D extends ResourceDesired> ResourceHandler<D> handlerFor(D desired) {
        ResourceHandler<?> handler = byDesiredType.get(desired.getClass());
        if (handler == null) {
            throw new IllegalStateException(
                    "no handler for " + desired.getClass().getSimpleName());
        }
        return (ResourceHandler<D>) handler;
    }

    /**
     * Whether the node's kind is changed in place beyond its tags; when it is not, a change of its
     * desired state means a new resource in its place.
     */
    public boolean updatesInPlace(ResourceNode node) {
        try {
            return handlerFor(node.desired())
                            .getClass()
                            .getMethod("update", ResourceContext.class, ResourceDesired.class, Observation.class)
                            .getDeclaringClass()
                    != ResourceHandler.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the node's kind takes tags, which always change in place. */
    public boolean takesTags(ResourceNode node) {
        return handlerFor(node.desired()) instanceof Retagger;
    }

    /** Whether changing the node's resource gives it a new id, so that what refers to it changes too. */
    public boolean updateMakesNewId(ResourceNode node) {
        return handlerFor(node.desired()).updateMakesNewId();
    }

    /** The kind of resource a node makes, for records and events. */
    public ResourceKind kindOf(ResourceNode node) {
        return handlerFor(node.desired()).kind();
    }
}
