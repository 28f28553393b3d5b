package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The edge layer: a CloudFront distribution, HTTPS for viewers, with the load balancer as its origin;
 * the load balancer then admits only CloudFront's origin-facing addresses. Needs a service.
 *
 * @param staticSite also an S3 bucket (private, read through origin access control) as the default
 *                   origin for a single-page app, with {@code /api/*} routed to the load balancer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdnSpec(@Nullable Boolean enabled, @Nullable Boolean staticSite) implements Sections.Switchable {

    CdnSpec withDefaults() {
        return new CdnSpec(null, staticSite != null && staticSite);
    }
}
