package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.aws.compute.ScheduledBounds.Action;
import dev.plinth.aws.compute.ScheduledBounds.Bounds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The web-app preset's schedules: to zero at 18:00 and back at 08:00 UTC on weekdays; 2026-12-07 is a Monday. */
class ScheduledBoundsTest {

    private static final Bounds SPEC = new Bounds(2, 6);

    private static List<Action> weekdays(Instant created) {
        return List.of(
                new Action(
                        ScheduleExpression.parse("cron(0 18 ? * MON-FRI *)", ZoneOffset.UTC),
                        new Bounds(0, 0),
                        created),
                new Action(
                        ScheduleExpression.parse("cron(0 8 ? * MON-FRI *)", ZoneOffset.UTC),
                        new Bounds(3, 5),
                        created));
    }

    @ParameterizedTest(name = "created {0}, at {1}: {2}..{3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-07T10:00:00Z | 2026-12-07T12:00:00Z | 2 | 6
            2026-12-07T10:00:00Z | 2026-12-07T18:00:00Z | 0 | 0
            2026-12-07T10:00:00Z | 2026-12-08T07:59:00Z | 0 | 0
            2026-12-07T10:00:00Z | 2026-12-08T08:00:00Z | 3 | 5
            2026-12-07T10:00:00Z | 2026-12-12T12:00:00Z | 0 | 0
            2026-12-07T19:00:00Z | 2026-12-07T23:00:00Z | 2 | 6
            2026-12-01T00:00:00Z | 2026-12-07T12:00:00Z | 3 | 5
            """)
    void theBoundsAreTheSpecsUntilAScheduleFiresThenThoseOfTheLastOneThatFired(
            Instant created, Instant now, int min, int max) {
        assertThat(ScheduledBounds.inForce(SPEC, weekdays(created), now)).isEqualTo(new Bounds(min, max));
    }

    @ParameterizedTest(name = "at {0}: {1}..{2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-12-07T18:30:00Z | 0 | 0
            2026-12-07T17:00:00Z | 2 | 6
            """)
    void aScheduleNotYetCreatedInAwsHasNotFired(Instant now, int min, int max) {
        var nightsOnly = List.of(new Action(
                ScheduleExpression.parse("cron(0 18 ? * MON-FRI *)", ZoneOffset.UTC),
                new Bounds(0, 0),
                Instant.parse("2026-12-07T10:00:00Z")));
        assertThat(ScheduledBounds.inForce(SPEC, nightsOnly, now)).isEqualTo(new Bounds(min, max));
        assertThat(ScheduledBounds.inForce(SPEC, List.of(), now)).isEqualTo(SPEC);
    }
}
