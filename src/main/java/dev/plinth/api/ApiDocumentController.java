package dev.plinth.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API's description: openapi.yaml of the repository, which the build puts on the classpath. */
@RestController
class ApiDocumentController {

    static final String YAML = "application/yaml";

    private final Resource document = new ClassPathResource("openapi.yaml");

    @GetMapping(path = "/openapi.yaml", produces = YAML)
    Resource document() {
        return document;
    }
}
