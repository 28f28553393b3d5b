package dev.plinth.aws.preflight;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The checks made before a new environment is planned or created, under {@code plinth.preflight}.
 *
 * @param concurrency reads made at a time for one check (each still takes its turn per AWS service)
 * @param budget      how long one check may take in all; what has not answered by then is reported
 *                    {@code UNCHECKED}
 */
@ConfigurationProperties("plinth.preflight")
public record PreflightProperties(int concurrency, Duration budget) {}
