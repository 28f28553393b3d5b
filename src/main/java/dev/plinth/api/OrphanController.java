package dev.plinth.api;

import dev.plinth.aws.orphans.DeletionResult;
import dev.plinth.aws.orphans.Orphan;
import dev.plinth.aws.orphans.Orphans;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Resources plinth made whose environment is DELETED or unknown, and their deletion. */
@RestController
@RequestMapping(path = "/orphans", produces = MediaType.APPLICATION_JSON_VALUE)
class OrphanController {

    private final Orphans orphans;

    OrphanController(Orphans orphans) {
        this.orphans = orphans;
    }

    /** The orphans of one region, in the order they would be deleted. */
    @GetMapping
    Items<Orphan> list(@RequestParam(required = false) @Nullable String region) {
        return new Items<>(orphans.list(region));
    }

    /** One pass of deletion; the answer says, per ARN, whether to call again. */
    @PostMapping(path = "/delete", consumes = MediaType.APPLICATION_JSON_VALUE)
    Items<DeletionResult> delete(@RequestBody Orphans.Deletion request) {
        return new Items<>(orphans.delete(request));
    }
}
