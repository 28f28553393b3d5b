package dev.plinth.api;

import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the web server and the web layer answer before a controller sees a request keeps the rule of every
 * other answer: an error is a problem ({@link ProblemHandler}).
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

    /**
     * An {@code Accept} header that is not a list of media types ({@code ;;;}, {@code *}{@code /*;q=oops}) is
     * read as none at all, as RFC 9110 (12.5.1) allows: Spring would answer it 406 and, having no type to write
     * an error in, leave the problem out of every error answer too (a 400 or a 404 with an empty body).
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new LenientAcceptHeader()));
    }

    /** Tomcat's own refusals (a request line or headers too large, a path that is no URI) as problems, not HTML. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> serverProblems() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            // the host adds a valve of this class when it starts, unless it has one
            host.setErrorReportValveClass(ServerProblemValve.class.getName());
            host.getPipeline().addValve(new ServerProblemValve());
        });
    }

    private static final class LenientAcceptHeader extends HeaderContentNegotiationStrategy {

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
            try {
                return super.resolveMediaTypes(request);
            } catch (HttpMediaTypeNotAcceptableException unreadable) {
                return MEDIA_TYPE_ALL_LIST;
            }
        }
    }
}
