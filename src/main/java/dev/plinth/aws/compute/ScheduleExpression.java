package dev.plinth.aws.compute;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.scheduling.support.CronExpression;

/**
 * When an Application Auto Scaling schedule fires, as AWS reads it (PutScheduledAction, "Schedule";
 * Application Auto Scaling User Guide, "Schedule recurring scaling actions"): {@code at(yyyy-mm-ddThh:mm:ss)}
 * once, {@code rate(N unit)} every N units from the action's creation, and {@code cron(minutes hours
 * day-of-month month day-of-week year)} in the action's time zone, with EventBridge's cron fields
 * (day of week 1-7 or SUN-SAT, Sunday 1; {@code ?}, {@code L}, {@code W}, {@code #}; a year field).
 * Neither start nor end time is used: plinth sets none. Public for the tests' AWS behaviour
 * layer, which runs the scheduled actions the emulator is given as AWS does.
 */
public sealed interface ScheduleExpression {

    /** The latest time it fires in {@code (since, now]}, if it fires in that span at all. */
    Optional<Instant> lastFiring(Instant since, Instant now);

    /**
     * @throws IllegalArgumentException when {@code expression} is none of the three forms (the spec's
     *         validation refuses those before they get here)
     */
    static ScheduleExpression parse(String expression, ZoneId zone) {
        return At.parse(expression, zone)
                .or(() -> Rate.parse(expression))
                .or(() -> Cron.parse(expression, zone))
                .orElseThrow(
                        () -> new IllegalArgumentException("not an Application Auto Scaling schedule: " + expression));
    }

    record At(Instant when) implements ScheduleExpression {

        private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

        static Optional<ScheduleExpression> parse(String expression, ZoneId zone) {
            Matcher at = AT.matcher(expression);
            return at.matches()
                    ? Optional.of(
                            new At(LocalDateTime.parse(at.group(1)).atZone(zone).toInstant()))
                    : Optional.empty();
        }

        @Override
        public Optional<Instant> lastFiring(Instant since, Instant now) {
            return when.isAfter(since) && !when.isAfter(now) ? Optional.of(when) : Optional.empty();
        }
    }

    /** Fires every {@code every} after {@code since}, the action's creation. */
    record Rate(Duration every) implements ScheduleExpression {

        private static final Pattern RATE = Pattern.compile("rate\\(([1-9][0-9]*) (minute|hour|day)s?\\)");

        static Optional<ScheduleExpression> parse(String expression) {
            Matcher rate = RATE.matcher(expression);
            return rate.matches()
                    ? Optional.of(new Rate(ChronoUnit.valueOf(rate.group(2).toUpperCase() + "S")
                            .getDuration()
                            .multipliedBy(Long.parseLong(rate.group(1)))))
                    : Optional.empty();
        }

        @Override
        public Optional<Instant> lastFiring(Instant since, Instant now) {
            long times = now.isAfter(since) ? Duration.between(since, now).dividedBy(every) : 0;
            return times == 0 ? Optional.empty() : Optional.of(since.plus(every.multipliedBy(times)));
        }
    }

    record Cron(CronExpression fields, IntPredicate years, ZoneId zone) implements ScheduleExpression {

        private static final Pattern CRON = Pattern.compile("cron\\(([^)]*)\\)");
        /** A day number of an AWS day-of-week field: not the n of {@code d#n}, nor a step after {@code /}. */
        private static final Pattern AWS_DAY = Pattern.compile("(?<![#/\\d])([1-7])(?!\\d)");

        static Optional<ScheduleExpression> parse(String expression, ZoneId zone) {
            Matcher cron = CRON.matcher(expression);
            String[] f = cron.matches() ? cron.group(1).trim().split("\\s+") : new String[0];
            return f.length != 6
                    ? Optional.empty()
                    : Optional.of(new Cron(
                            CronExpression.parse(String.join(" ", "0", f[0], f[1], f[2], f[3], springDayOfWeek(f[4]))),
                            years(f[5]),
                            zone));
        }

        /** AWS numbers the days 1 (Sunday) to 7; Spring 0 (Sunday) to 6. Names are the same in both. */
        private static String springDayOfWeek(String field) {
            return AWS_DAY.matcher(field).replaceAll(m -> String.valueOf(Integer.parseInt(m.group(1)) - 1));
        }

        /** The year field: {@code *}, or a list of years, ranges {@code a-b} and steps {@code a/n}, {@code a-b/n}, {@code *}{@code /n}. */
        private static IntPredicate years(String field) {
            IntPredicate any = year -> false;
            for (String part : field.split(",")) {
                String[] step = part.split("/", 2);
                int every = step.length == 2 ? Integer.parseInt(step[1]) : 1;
                String[] range = step[0].split("-", 2);
                int from = "*".equals(range[0]) ? 1970 : Integer.parseInt(range[0]);
                int to = range.length == 2
                        ? Integer.parseInt(range[1])
                        : "*".equals(range[0]) || step.length == 2 ? 2199 : from;
                any = any.or(year -> year >= from && year <= to && (year - from) % every == 0);
            }
            return any;
        }

        /** Looks back a day first, then twice as far each time, so frequent schedules are found quickly. */
        @Override
        public Optional<Instant> lastFiring(Instant since, Instant now) {
            for (Duration back = Duration.ofDays(1); ; back = back.multipliedBy(2)) {
                Instant from = now.minus(back).isAfter(since) ? now.minus(back) : since;
                Optional<Instant> last = lastBetween(from, now);
                if (last.isPresent() || from.equals(since)) {
                    return last;
                }
            }
        }

        private Optional<Instant> lastBetween(Instant from, Instant now) {
            Instant last = null;
            ZonedDateTime t = fields.next(from.atZone(zone));
            while (t != null && !t.toInstant().isAfter(now)) {
                if (years.test(t.getYear())) {
                    last = t.toInstant();
                    t = fields.next(t);
                } else {
                    t = fields.next(t.withDayOfYear(1)
                            .truncatedTo(ChronoUnit.DAYS)
                            .plusYears(1)
                            .minusSeconds(1));
                }
            }
            return Optional.ofNullable(last);
        }
    }
}
