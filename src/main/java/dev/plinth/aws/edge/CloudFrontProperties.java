package dev.plinth.aws.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CloudFront settings, under {@code plinth.aws.cloudfront}.
 *
 * @param pollInterval how often a distribution that is deploying (after a create, a change or a
 *                     disable) is looked at again; AWS takes minutes
 */
@ConfigurationProperties("plinth.aws.cloudfront")
public record CloudFrontProperties(@DefaultValue("15s") Duration pollInterval) {}
