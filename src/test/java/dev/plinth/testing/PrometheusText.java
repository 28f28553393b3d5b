package dev.plinth.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The samples of a Prometheus text exposition ({@code /actuator/prometheus}), to look values up by name and labels. */
public final class PrometheusText {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One line of the exposition. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String exposition) {
        Matcher m = SAMPLE.matcher(exposition);
        List<Sample> samples = new ArrayList<>();
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), Map.copyOf(labels), value(m.group(3))));
        }
        return new PrometheusText(List.copyOf(samples));
    }

    private static double value(String text) {
        return text.endsWith("Inf")
                ? (text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : Double.parseDouble(text);
    }

    /** The samples of plinth's own metrics, one a line: what a failed wait shows. */
    @Override
    public String toString() {
        return samples.stream()
                .filter(s -> s.name().startsWith("plinth_"))
                .map(Sample::toString)
                .collect(Collectors.joining("\n"));
    }

    /** The names of every sample. */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toSet());
    }

    /** The samples named {@code name} whose labels include {@code labels} (name, value, name, value...). */
    public List<Sample> samples(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
    }

    /** The sum of the samples {@link #samples} finds: 0 when there are none. */
    public double sum(String name, String... labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }
}
