package dev.plinth.environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What an environment's view is made of, as numbers that change whenever the view does: the
 * environment's version (every save), the greatest revision of its resource rows and their number (every
 * change of a state, id or attributes), and when drift was last checked (a check does not save the
 * environment).
 */
public record ViewVersion(
        long version,
        long resourcesRevision,
        long resourceCount,
        @Nullable Instant driftCheckedAt) {

    /**
     * The view's entity tag: the spec's revision, then a digest of these numbers, {@code "<revision>.<digest>"}.
     * It changes with the view, so {@code If-None-Match} answers 304 only while the view is the same; and
     * it still names the spec's revision, so it may be sent as {@code If-Match} (see {@link Environment#isRevision}).
     */
    public String etag(Environment environment) {
        String numbers = version + ":" + resourcesRevision + ":" + resourceCount + ":" + driftCheckedAt;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(numbers.getBytes(StandardCharsets.UTF_8));
            return "\"" + environment.specRevision() + "." + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
