package dev.cloudgallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import dev.cloudgallery.localaws.CognitoLocal;
import dev.cloudgallery.platform.json.Json;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints tokens for negative tests. Tokens signed with the emulator's own key are valid in every respect but the one
 * a test breaks (issuer, expiry, token use, client), so each test proves exactly one check. Others are signed with a
 * stranger's key or not signed at all.
 */
public final class Tokens {
    private final CognitoLocal.Pool pool;
    private final RSAKey poolKey;
    private final RSAKey strangerKey;

    private Tokens(CognitoLocal.Pool pool, RSAKey poolKey, RSAKey strangerKey) {
        this.pool = pool;
        this.poolKey = poolKey;
        this.strangerKey = strangerKey;
    }

    /** Tokens for {@code pool}, signing with the key cognito-local signs its own tokens with. */
    public static Tokens forPool(CognitoLocal.Pool pool) {
        try {
            Path keyFile = CognitoLocal.installed(Path.of("keys", "cognitoLocal.private.json"));
            String jwk = Json.createReader(Files.newBufferedReader(keyFile)).readObject().getJsonObject("jwk")
                    .toString();
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("CognitoLocal").generate();
            return new Tokens(pool, RSAKey.parse(jwk), stranger);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a genuine access token of {@code userId} issued to the pool's client, valid for an hour. */
    public JWTClaimsSet.Builder accessClaims(String userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(pool.issuer())
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("client_id", pool.clientId())
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("username", userId);
    }

    /** Signed with the pool's real key. */
    public String signedByPool(JWTClaimsSet claims) {
        return sign(claims, poolKey);
    }

    /** Signed with a freshly generated key that claims the pool key's id. */
    public String signedByStranger(JWTClaimsSet claims) {
        return sign(claims, strangerKey);
    }

    /** {@code alg: none}, no signature, naming the pool key's id. */
    public String unsigned(JWTClaimsSet claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"kid\":\"CognitoLocal\",\"typ\":\"JWT\"}";
        return encoder.encodeToString(header.getBytes()) + "."
                + encoder.encodeToString(claims.toString().getBytes()) + ".";
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                                          claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
