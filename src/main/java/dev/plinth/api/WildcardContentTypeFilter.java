package dev.plinth.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code Content-Type} that names no one media type ({@code application/*}, {@code *}{@code /*}) is read as
 * none. Spring takes no wildcard as the type of a body: it throws where it reads one, and the actuator's
 * endpoints read the body of every request, so {@code GET /actuator/health} with {@code Content-Type:
 * application/*} and a body was a 500. Without a type, a body no route takes is refused 415, as any other.
 */
@Component
class WildcardContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(namesOneType(request.getContentType()) ? request : new WithoutContentType(request), response);
    }

    private static boolean namesOneType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            return !MediaType.parseMediaType(contentType).isWildcardSubtype();
        } catch (InvalidMediaTypeException unreadable) {
            return true; // Spring reads an unreadable type as none already
        }
    }

    private static final class WithoutContentType extends HttpServletRequestWrapper {

        WithoutContentType(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getContentType() {
            return null;
        }

        @Override
        public @Nullable String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    ? Collections.emptyEnumeration()
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name))
                    .toList());
        }
    }
}
