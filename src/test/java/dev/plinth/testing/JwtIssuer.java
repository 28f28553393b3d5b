package dev.plinth.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An identity provider for tests: it serves its public keys as a JWKS over HTTP, as an organisation's
 * issuer does, and signs tokens with the private one.
 */
public final class JwtIssuer {

    private final RSAKey key;
    private final HttpServer server;

    private JwtIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    /** Started on a free port of the loopback address. */
    public static JwtIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return new JwtIssuer(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI jwkSetUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    /** A token for {@code subject} of {@code team} with {@code roles}, valid from now for an hour. */
    public String token(String subject, String team, List<String> roles) {
        Instant now = Instant.now();
        return sign(
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .claim("team", team)
                        .claim("roles", roles)
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                        .build(),
                key);
    }

    /** The claims as given, signed with this issuer's key. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** The claims signed with a key this issuer does not publish. */
    public static String signedByAStranger(JWTClaimsSet claims) {
        try {
            return sign(claims, new RSAKeyGenerator(2048).keyID("stranger").generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
