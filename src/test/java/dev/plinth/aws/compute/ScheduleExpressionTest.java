package dev.plinth.aws.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** 2026-12-07 is a Monday. */
    @ParameterizedTest(name = "{0} last fired before {1} at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0 18 ? * MON-FRI *)  | 2026-12-07T18:00:00Z | 2026-12-07T18:00:00Z
            cron(0 18 ? * MON-FRI *)  | 2026-12-07T17:59:59Z | 2026-12-04T18:00:00Z
            cron(0 18 ? * MON-FRI *)  | 2026-12-06T12:00:00Z | 2026-12-04T18:00:00Z
            cron(30 6 ? * 2 *)        | 2026-12-10T00:00:00Z | 2026-12-07T06:30:00Z
            cron(0 12 ? * 1 *)        | 2026-12-10T00:00:00Z | 2026-12-06T12:00:00Z
            cron(0 12 ? * 7L *)       | 2026-12-10T00:00:00Z | 2026-11-28T12:00:00Z
            cron(0 12 ? * 2#1 *)      | 2026-12-10T00:00:00Z | 2026-12-07T12:00:00Z
            cron(0 9 L * ? *)         | 2026-12-10T00:00:00Z | 2026-11-30T09:00:00Z
            cron(0/15 * * * ? *)      | 2026-12-07T10:07:00Z | 2026-12-07T10:00:00Z
            cron(0 0 2 1 ? 2026)      | 2026-12-07T10:07:00Z | 2026-01-02T00:00:00Z
            cron(0 0 1 3 ? 2027-2030) | 2029-01-01T00:00:00Z | 2028-03-01T00:00:00Z
            rate(6 hours)             | 2026-01-01T13:00:00Z | 2026-01-01T12:00:00Z
            rate(1 day)               | 2026-01-03T00:00:00Z | 2026-01-03T00:00:00Z
            at(2026-06-01T08:00:00)   | 2026-12-07T00:00:00Z | 2026-06-01T08:00:00Z
            """)
    void firesAsApplicationAutoScalingReadsItInUtc(String expression, Instant now, Instant last) {
        assertThat(ScheduleExpression.parse(expression, ZoneOffset.UTC).lastFiring(CREATED, now))
                .contains(last);
    }

    @ParameterizedTest(name = "{0} has not fired between its creation and {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0 18 ? * MON-FRI *) | 2026-01-01T17:00:00Z
            cron(0 0 1 1 ? 2025)     | 2026-12-07T10:07:00Z
            cron(0 0 1 3 ? 2027)     | 2026-12-07T10:07:00Z
            rate(6 hours)            | 2026-01-01T05:59:59Z
            at(2026-06-01T08:00:00)  | 2026-06-01T07:59:59Z
            at(2025-06-01T08:00:00)  | 2026-06-01T07:59:59Z
            """)
    void aScheduleFiresOnlyAfterItsActionWasCreated(String expression, Instant now) {
        assertThat(ScheduleExpression.parse(expression, ZoneOffset.UTC).lastFiring(CREATED, now))
                .isEmpty();
    }

    @Test
    void cronAndAtAreReadInTheActionsTimeZoneAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        var eight = ScheduleExpression.parse("cron(0 8 ? * * *)", berlin);
        assertThat(eight.lastFiring(CREATED, Instant.parse("2026-07-01T12:00:00Z")))
                .contains(Instant.parse("2026-07-01T06:00:00Z"));
        assertThat(eight.lastFiring(CREATED, Instant.parse("2026-12-07T12:00:00Z")))
                .contains(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(ScheduleExpression.parse("at(2026-07-01T08:00:00)", berlin)
                        .lastFiring(CREATED, Instant.parse("2026-07-02T00:00:00Z")))
                .contains(Instant.parse("2026-07-01T06:00:00Z"));
    }

    @Test
    void aMinutelyScheduleCreatedLongAgoIsReadWithoutWalkingEveryMinute() {
        var everyMinute = ScheduleExpression.parse("cron(* * * * ? *)", ZoneOffset.UTC);
        assertThat(everyMinute.lastFiring(Instant.parse("2016-01-01T00:00:00Z"), Instant.parse("2026-12-07T10:07:30Z")))
                .contains(Instant.parse("2026-12-07T10:07:00Z"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 18 * * MON)", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("every day", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
