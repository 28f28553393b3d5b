package dev.plinth.testing.behaviour;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every behaviour of the layer, each switchable by name. All are on by default; the system property
 * {@code plinth.aws.behaviours-off} (names, comma-separated) turns some off for a whole run, which is
 * how a rule is shown to make old code fail, and a test turns one off with {@link #off} when it checks
 * something the rule would hide.
 */
public final class AwsBehaviours {

    private final Map<String, Behaviour> all = new LinkedHashMap<>();
    private final Set<String> off = ConcurrentHashMap.newKeySet();
    private final Set<String> offForTheRun;

    private AwsBehaviours(List<Behaviour> behaviours, Set<String> offForTheRun) {
        behaviours.forEach(b -> {
            if (all.put(b.name(), b) != null) {
                throw new IllegalArgumentException("two behaviours named " + b.name());
            }
        });
        offForTheRun.forEach(this::known);
        this.offForTheRun = Set.copyOf(offForTheRun);
        off.addAll(offForTheRun);
    }

    /** The layer as the suite runs it: every behaviour in {@link Catalog}, on unless the run turned it off. */
    public static AwsBehaviours standard(AwsTime time) {
        String names = System.getProperty("plinth.aws.behaviours-off", "");
        Set<String> off = names.isBlank() ? Set.of() : Set.of(names.trim().split("\\s*,\\s*"));
        return new AwsBehaviours(Catalog.all(time), off);
    }

    /** A layer of just these behaviours, all on. */
    public static AwsBehaviours of(Behaviour... behaviours) {
        return new AwsBehaviours(List.of(behaviours), Set.of());
    }

    /** No behaviour at all: the emulator as it is. */
    public static AwsBehaviours none() {
        return new AwsBehaviours(List.of(), Set.of());
    }

    public AwsBehaviours off(String name) {
        off.add(known(name));
        return this;
    }

    public AwsBehaviours on(String name) {
        off.remove(known(name));
        return this;
    }

    /** The behaviour of that name, to read what it remembers. */
    public <B extends Behaviour> B get(String name, Class<B> type) {
        return type.cast(all.get(known(name)));
    }

    public Set<String> names() {
        return all.keySet();
    }

    /** Forgets every behaviour's memory and switches back to the run's settings. */
    public void reset() {
        all.values().forEach(Behaviour::reset);
        off.clear();
        off.addAll(offForTheRun);
    }

    /** The first error a switched-on behaviour answers this call with, if any. */
    public Optional<AwsError> before(AwsCall call) {
        for (Behaviour b : all.values()) {
            if (!off.contains(b.name())) {
                Optional<AwsError> error = b.before(call);
                if (error.isPresent()) {
                    return error;
                }
            }
        }
        return Optional.empty();
    }

    /** The answer as every switched-on behaviour rewrites it, in catalogue order. */
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        AwsAnswer result = answer;
        for (Behaviour b : all.values()) {
            if (!off.contains(b.name())) {
                result = b.after(call, result);
            }
        }
        return result;
    }

    private String known(String name) {
        if (!all.containsKey(name)) {
            throw new IllegalArgumentException("no behaviour named " + name + "; known: " + all.keySet());
        }
        return name;
    }
}
