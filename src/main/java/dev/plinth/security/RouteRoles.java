package dev.plinth.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The least role each route needs: reading an environment is a viewer's, anything that changes or
 * plans one a deployer's, orphans, the audit and the actuator (health aside) an admin's. One function serves the
 * decision and the 403 that names the role.
 */
final class RouteRoles {

    private RouteRoles() {}

    static Role needed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/orphans")
                || path.startsWith("/orphans/")
                || path.equals("/audit")
                || path.startsWith("/audit/")
                || path.startsWith("/actuator/")) {
            return Role.ADMIN;
        }
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> Role.VIEWER;
            default -> Role.DEPLOYER;
        };
    }
}
