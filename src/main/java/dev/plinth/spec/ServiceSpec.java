package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The app layer: one container image run as an ECS Fargate service in the private subnets, behind an
 * Application Load Balancer in the public ones.
 *
 * @param image           a container image reference, for example {@code public.ecr.aws/nginx/nginx:stable}
 * @param port            the port the container listens on, default 80
 * @param cpu             Fargate CPU units, default 256
 * @param memory          MiB, a size Fargate allows with {@code cpu}, default 512
 * @param desiredCount    tasks to run, default 2 (within the autoscaling bounds when there are some)
 * @param healthCheckPath what the load balancer asks, default {@code /}
 * @param environment     extra environment variables of the container
 * @param autoscaling     target tracking and schedules, optional
 * @param databaseVariables the names of the variables that carry the database connection
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
        @Nullable Boolean enabled,
        String image,
        @Nullable Integer port,
        @Nullable Integer cpu,
        @Nullable Integer memory,
        @Nullable Integer desiredCount,
        @Nullable String healthCheckPath,
        Map<String, String> environment,
        @Nullable AutoscalingSpec autoscaling,
        @Nullable DatabaseVariables databaseVariables)
        implements Sections.Switchable {

    public static final int DEFAULT_PORT = 80;
    public static final int DEFAULT_CPU = 256;
    public static final int DEFAULT_MEMORY = 512;
    public static final int DEFAULT_DESIRED_COUNT = 2;
    public static final String DEFAULT_HEALTH_CHECK_PATH = "/";

    public ServiceSpec {
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(environment));
    }

    // NullAway: called on a valid spec, where autoscaling, when on, has a max (required) and, after its defaults, a min
    @SuppressWarnings("NullAway")
    ServiceSpec withDefaults() {
        AutoscalingSpec scaling = Sections.on(autoscaling) ? autoscaling.withDefaults() : null;
        int desired = desiredCount != null
                ? desiredCount
                : scaling == null
                        ? DEFAULT_DESIRED_COUNT
                        : Math.max(scaling.min(), Math.min(DEFAULT_DESIRED_COUNT, scaling.max()));
        return new ServiceSpec(
                null,
                image,
                port == null ? DEFAULT_PORT : port,
                cpu == null ? DEFAULT_CPU : cpu,
                memory == null ? DEFAULT_MEMORY : memory,
                desired,
                healthCheckPath == null ? DEFAULT_HEALTH_CHECK_PATH : healthCheckPath,
                environment,
                scaling,
                databaseVariables == null ? DatabaseVariables.DEFAULT : databaseVariables.withDefaults());
    }
}
