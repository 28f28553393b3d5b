package dev.plinth.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * What plinth's API tokens look like: {@code plinth_}, 40 random base62 characters (238 bits), and a
 * 6-character base62 CRC32 of them. The prefix lets secret scanners find a leaked token
 * ({@code plinth_[0-9A-Za-z]{46}}); the checksum lets them, and plinth, tell a token from a look-alike
 * without asking the database.
 */
final class TokenFormat {

    static final String PREFIX = "plinth_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_LENGTH = 40;
    private static final int CHECKSUM_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {}

    static String newToken() {
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return PREFIX + random + checksum(random.toString());
    }

    /** Whether {@code token} is one plinth could have minted: the prefix, the length, the checksum. */
    static boolean isWellFormed(String token) {
        if (!token.startsWith(PREFIX) || token.length() != PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
            return false;
        }
        String random = token.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return random.chars().allMatch(c -> BASE62.indexOf(c) >= 0) && token.endsWith(checksum(random));
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % BASE62.length()));
            value /= BASE62.length();
        }
        return new String(digits);
    }
}
