package dev.plinth.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The only form in which plinth keeps a token: its SHA-256. Tokens are long random strings, so a fast
 * hash is enough (nothing to guess by brute force), and a lookup by hash finds them.
 */
final class TokenHash {

    private TokenHash() {}

    static String of(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Compares in constant time, so the answer's timing does not tell how much of a guess was right. */
    static boolean matches(String token, String hash) {
        return MessageDigest.isEqual(
                of(token).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }
}
