package dev.plinth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A kind's timeouts: its setting, else its handler's own default, else the engine's. */
class KindTimeoutsTest {

    private static final ResourceKind OWN = ResourceKind.of("Test::Own");
    private static final ResourceKind PLAIN = ResourceKind.of("Test::Plain");
    private static final ResourceKind UNKNOWN = ResourceKind.of("Test::Unknown");

    @Test
    void aSettingForTheKindComesFirst() {
        StepTools tools = tools(Map.of(OWN.name(), Duration.ofMinutes(3)));

        assertThat(tools.readinessTimeoutOf(OWN)).isEqualTo(Duration.ofMinutes(3));
        assertThat(tools.deleteTimeoutOf(OWN)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void thenTheKindsOwnDefaultThenTheEngines() {
        StepTools tools = tools(Map.of());

        assertThat(tools.readinessTimeoutOf(OWN)).isEqualTo(Duration.ofMinutes(80));
        assertThat(tools.deleteTimeoutOf(OWN)).isEqualTo(Duration.ofMinutes(10));
        assertThat(tools.readinessTimeoutOf(PLAIN)).isEqualTo(Duration.ofMinutes(60));
        assertThat(tools.deleteTimeoutOf(PLAIN)).isEqualTo(Duration.ofMinutes(45));
        assertThat(tools.readinessTimeoutOf(UNKNOWN)).isEqualTo(Duration.ofMinutes(60));
        assertThat(tools.deleteTimeoutOf(UNKNOWN)).isEqualTo(Duration.ofMinutes(45));
    }

    private static StepTools tools(Map<String, Duration> setByKind) {
        var properties = new EngineProperties(
                1,
                4,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                6,
                Duration.ofSeconds(1),
                Duration.ofSeconds(8),
                Duration.ofSeconds(60),
                Duration.ofMinutes(45),
                setByKind,
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofMinutes(60),
                setByKind,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        var handlers = new HandlerRegistry(List.of(
                new Handler(
                        OwnDesired.class,
                        OWN,
                        Optional.of(Duration.ofMinutes(80)),
                        Optional.of(Duration.ofMinutes(10))),
                new Handler(PlainDesired.class, PLAIN, Optional.empty(), Optional.empty())));
        return new StepTools(handlers, null, null, null, properties, null, null);
    }

    private record OwnDesired() implements ResourceDesired {}

    private record PlainDesired() implements ResourceDesired {}

    private record Handler<D extends ResourceDesired>(
            Class<D> desiredType,
            ResourceKind kind,
            Optional<Duration> readinessTimeout,
            Optional<Duration> deleteTimeout)
            implements ResourceHandler<D> {

        @Override
        public Optional<Observation> observe(ResourceContext context, D desired) {
            return Optional.empty();
        }

        @Override
        public String create(ResourceContext context, D desired) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(ResourceContext context, D desired, Observation observed) {}
    }
}
