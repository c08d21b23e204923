package dev.cloudgallery.platform.paging;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.cloudgallery.platform.aws.AwsClients;
import dev.cloudgallery.platform.problem.Problem;

import io.helidon.common.LazyValue;
import io.helidon.config.Config;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Seals list cursors with an HMAC, so that a client can hold a cursor but not make one: an altered or forged cursor
 * is a 400 before anything reads its contents. A cursor is {@code base64url(position) "." base64url(tag)}, the tag
 * the first 128 bits of HMAC-SHA256 over the position.
 * <p>
 * The key is the {@code cursor} node's: {@code key-secret-arn}, a Secrets Manager secret whose value is the key
 * (deployments; read at the first cursor, not at init, so a cold start that serves no list pays nothing), or
 * {@code key} (local runs and tests). Every instance of a service must share it, or a page's cursor would fail on the
 * next instance; changing it ends the cursors given out, whose clients start their lists again.
 */
public final class Cursors {
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final LazyValue<SecretKeySpec> key;

    private Cursors(Supplier<byte[]> key) {
        this.key = LazyValue.create(() -> new SecretKeySpec(key.get(), "HmacSHA256"));
    }

    /** Cursors keyed as the service whose root config is {@code root} says; fails when it names no key. */
    public static Cursors create(Config root) {
        Config cursor = root.get("cursor");
        String arn = cursor.get("key-secret-arn").asString().orElse("");
        if (!arn.isBlank()) {
            return new Cursors(() -> {
                try (SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder(), root,
                                                                     "secretsmanager")) {
                    return bytes(secrets.getSecretValue(b -> b.secretId(arn)).secretString());
                }
            });
        }
        String key = cursor.get("key").asString().filter(value -> !value.isBlank()).orElseThrow(
                () -> new IllegalStateException("cursor.key-secret-arn (CURSOR_KEY_SECRET_ARN) or cursor.key "
                                                + "(CURSOR_KEY) is required: cursors are sealed"));
        return new Cursors(() -> bytes(key));
    }

    /** The sealed cursor of a keyset list's item ({@link Keyset#cursor}). */
    public String cursor(Instant createdAt, String id) {
        return seal(Keyset.cursor(createdAt, id));
    }

    /** The keyset position a cursor of {@link #cursor} names; a 400 for anything else. */
    public Keyset.Position position(String cursor) {
        return Keyset.position(open(cursor));
    }

    /** The cursor a client gets for {@code position}. */
    public String seal(String position) {
        byte[] payload = bytes(position);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag(payload));
    }

    /**
     * The position a cursor of {@link #seal} holds; a 400 for anything else. The cursor is compared whole with the one
     * its position seals to, so no other spelling of the same bytes passes either.
     */
    public String open(String cursor) {
        int dot = cursor.indexOf('.');
        try {
            if (dot > 0) {
                String position = new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)),
                                             StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(bytes(seal(position)), bytes(cursor))) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // Not base64: answered below, like any other cursor this API did not give out.
        }
        throw Problem.validation("cursor", "is not a cursor this API gave out");
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.get());
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256 with any key", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
