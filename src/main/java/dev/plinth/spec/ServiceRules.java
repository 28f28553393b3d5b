package dev.plinth.spec;

import dev.plinth.spec.AutoscalingSpec.ScheduleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The rules of the {@code service} section: image, port, Fargate sizes, environment, autoscaling. */
final class ServiceRules {

    static final int MAX_TASKS = 1000;
    static final int MAX_ENVIRONMENT = 100;
    static final int MAX_SCHEDULES = 20;
    /** Set by plinth from the data layer, besides the {@link DatabaseVariables} chosen; a spec may not set them. */
    private static final Set<String> RESERVED_ENVIRONMENT = Stream.concat(
                    Stream.of("DYNAMODB_TABLE"), DatabaseVariables.DEFAULT.byField().values().stream())
            .collect(Collectors.toUnmodifiableSet());

    /** registry[:port]/repository[:tag][@sha256:digest], as Docker defines image references. */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,1023}");
    private static final Pattern SCHEDULE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Application Auto Scaling schedules: cron() with six fields, rate(), or at(). */
    private static final Pattern CRON = Pattern.compile("cron\\(([^)]*)\\)");

    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/#L-]+");
    private static final Pattern RATE = Pattern.compile("rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern AT = Pattern.compile("at\\(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\)");

    /** Memory (MiB) Fargate allows for each CPU size: from, to, step (256 CPU units: 512, 1024 or 2048 only). */
    private static final Map<Integer, int[]> FARGATE = Map.of(
            256, new int[] {512, 2048, 512},
            512, new int[] {1024, 4096, 1024},
            1024, new int[] {2048, 8192, 1024},
            2048, new int[] {4096, 16384, 1024},
            4096, new int[] {8192, 30720, 1024},
            8192, new int[] {16384, 61440, 4096},
            16384, new int[] {32768, 122880, 8192});

    private ServiceRules() {}

    static void check(ServiceSpec service, List<Violation> out) {
        if (Rules.missing(service.image())) {
            out.add(new Violation("service.image", "required", "is required"));
        } else if (service.image().length() > 255
                || !IMAGE.matcher(service.image()).matches()) {
            out.add(new Violation(
                    "service.image",
                    "image-reference",
                    "must be an image reference such as public.ecr.aws/nginx/nginx:stable"));
        }
        Rules.range(service.port(), 1, 65535, "service.port", out);
        fargateSize(service, out);
        Rules.range(service.desiredCount(), 0, MAX_TASKS, "service.desiredCount", out);
        Rules.matches(
                service.healthCheckPath(),
                PATH,
                "service.healthCheckPath",
                "path",
                "must be a URL path starting with /",
                out);
        DatabaseVariables variables = service.databaseVariables() == null
                ? DatabaseVariables.DEFAULT
                : service.databaseVariables().withDefaults();
        databaseVariables(variables, out);
        Set<String> reserved = new TreeSet<>(RESERVED_ENVIRONMENT);
        reserved.addAll(variables.byField().values());
        environment(service.environment(), reserved, out);
        if (service.autoscaling() != null && Sections.on(service.autoscaling())) {
            autoscaling(service.autoscaling(), service.desiredCount(), out);
        }
    }

    /**
     * What the service needs of the network on AWS, where the emulator asks nothing: its load balancer
     * two zones, and its tasks, in private subnets without public addresses, a NAT gateway.
     */
    static void network(NetworkSpec network, List<Violation> out) {
        if (network == null) {
            return;
        }
        Integer zones = network.availabilityZones();
        if (zones != null && zones < 2) {
            // CreateLoadBalancer (ELBv2 API reference): an Application Load Balancer needs subnets in at
            // least two zones, or AWS answers ValidationError "At least two subnets in two different
            // Availability Zones must be specified"
            out.add(new Violation(
                    "network.availabilityZones",
                    "load-balancer-zones",
                    "the service's Application Load Balancer needs subnets in at least 2 zones: set 2 or 3"));
        }
        if (network.natGateways() == NatGatewayMode.NONE) {
            // Amazon ECS task networking for Fargate: a task in a private subnet without a public address
            // reaches ECR, Secrets Manager and CloudWatch Logs only through a NAT gateway or VPC endpoints;
            // without either it stops with CannotPullContainerError (or ResourceInitializationError)
            out.add(
                    new Violation(
                            "network.natGateways",
                            "service-egress",
                            "the service's Fargate tasks run in private subnets without public addresses and need a NAT "
                                    + "gateway to pull their image, read the database secret and write their logs: set single or per-az"));
        }
    }

    private static void fargateSize(ServiceSpec service, List<Violation> out) {
        int cpu = service.cpu() == null ? ServiceSpec.DEFAULT_CPU : service.cpu();
        int memory = service.memory() == null ? ServiceSpec.DEFAULT_MEMORY : service.memory();
        int[] allowed = FARGATE.get(cpu);
        if (allowed == null) {
            out.add(new Violation(
                    "service.cpu",
                    "fargate-size",
                    "must be one of " + FARGATE.keySet().stream().sorted().toList()));
        } else if (memory < allowed[0]
                || memory > allowed[1]
                || (memory - allowed[0]) % allowed[2] != 0
                || (cpu == 256 && memory == 1536)) {
            out.add(new Violation(
                    "service.memory",
                    "fargate-size",
                    cpu == 256
                            ? "with cpu 256, Fargate allows 512, 1024 or 2048 MiB"
                            : "with cpu " + cpu + ", Fargate allows " + allowed[0] + " to " + allowed[1]
                                    + " MiB in steps of " + allowed[2]));
        }
    }

    private static void databaseVariables(DatabaseVariables variables, List<Violation> out) {
        Set<String> seen = new HashSet<>();
        variables.byField().forEach((field, name) -> {
            String at = "service.databaseVariables." + field;
            if (!ENV_NAME.matcher(name).matches()) {
                out.add(new Violation(at, "env-name", "must be letters, digits and _, not starting with a digit"));
            } else if (!seen.add(name)) {
                out.add(new Violation(at, "unique", "another database variable has this name"));
            }
        });
    }

    private static void environment(Map<String, String> environment, Set<String> reserved, List<Violation> out) {
        Rules.maxItems(environment, MAX_ENVIRONMENT, "service.environment", "variables", out);
        environment.forEach((name, value) -> {
            String field = "service.environment." + name;
            if (!ENV_NAME.matcher(name).matches()) {
                out.add(new Violation(field, "env-name", "must be letters, digits and _, not starting with a digit"));
            } else if (reserved.contains(name)) {
                out.add(new Violation(
                        field, "reserved-env", "is set by plinth from the database; " + reserved + " are reserved"));
            }
            if (value == null) {
                out.add(new Violation(field, "required", "needs a value"));
            }
        });
    }

    private static void autoscaling(AutoscalingSpec scaling, @Nullable Integer desiredCount, List<Violation> out) {
        int min = scaling.min() == null ? AutoscalingSpec.DEFAULT_MIN : scaling.min();
        Rules.range(scaling.min(), 0, MAX_TASKS, "service.autoscaling.min", out);
        if (scaling.max() == null) {
            out.add(new Violation("service.autoscaling.max", "required", "is required"));
        } else {
            Rules.range(scaling.max(), 1, MAX_TASKS, "service.autoscaling.max", out);
            if (min > scaling.max()) {
                out.add(new Violation("service.autoscaling.min", "min-max", "must not be more than max"));
            }
            if (desiredCount != null && (desiredCount < min || desiredCount > scaling.max())) {
                out.add(new Violation(
                        "service.desiredCount",
                        "within-bounds",
                        "must be from autoscaling.min (" + min + ") to autoscaling.max (" + scaling.max() + ")"));
            }
        }
        Rules.range(scaling.cpuTarget(), 10, 90, "service.autoscaling.cpuTarget", out);
        Rules.range(scaling.memoryTarget(), 10, 90, "service.autoscaling.memoryTarget", out);
        if (scaling.schedules().size() > MAX_SCHEDULES) {
            out.add(new Violation("service.autoscaling.schedules", "max-items", "may hold at most " + MAX_SCHEDULES));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < scaling.schedules().size(); i++) {
            schedule(scaling.schedules().get(i), "service.autoscaling.schedules[" + i + "]", names, out);
        }
    }

    private static void schedule(
            @Nullable ScheduleSpec schedule, String field, Set<String> names, List<Violation> out) {
        if (schedule == null) {
            out.add(new Violation(field, "required", "must be an object"));
            return;
        }
        if (Rules.missing(schedule.name())) {
            out.add(new Violation(field + ".name", "required", "is required"));
        } else if (!SCHEDULE_NAME.matcher(schedule.name()).matches()) {
            out.add(new Violation(field + ".name", "schedule-name", "must be 1 to 64 letters, digits, - and _"));
        } else if (!names.add(schedule.name().toLowerCase().replace('_', '-'))) {
            out.add(new Violation(field + ".name", "unique", "another schedule has this name"));
        }
        if (Rules.missing(schedule.cron())) {
            out.add(new Violation(field + ".cron", "required", "is required"));
        } else if (!validExpression(schedule.cron())) {
            out.add(new Violation(
                    field + ".cron",
                    "schedule-expression",
                    "must be cron(minutes hours day-of-month month day-of-week year) with ? in one of the two day "
                            + "fields, rate(N minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)"));
        }
        if (schedule.min() == null) {
            out.add(new Violation(field + ".min", "required", "is required"));
        }
        if (schedule.max() == null) {
            out.add(new Violation(field + ".max", "required", "is required"));
        }
        Rules.range(schedule.min(), 0, MAX_TASKS, field + ".min", out);
        Rules.range(schedule.max(), 0, MAX_TASKS, field + ".max", out);
        if (schedule.min() != null && schedule.max() != null && schedule.min() > schedule.max()) {
            out.add(new Violation(field + ".min", "min-max", "must not be more than max"));
        }
    }

    static boolean validExpression(String expression) {
        if (RATE.matcher(expression).matches() || AT.matcher(expression).matches()) {
            return true;
        }
        var cron = CRON.matcher(expression);
        if (!cron.matches()) {
            return false;
        }
        String[] fields = cron.group(1).trim().split("\\s+");
        if (fields.length != 6) {
            return false;
        }
        for (String f : fields) {
            if (!CRON_FIELD.matcher(f).matches()) {
                return false;
            }
        }
        // NOTE: AWS cron needs ? in exactly one of day-of-month and day-of-week
        return "?".equals(fields[2]) != "?".equals(fields[4]);
    }
}
