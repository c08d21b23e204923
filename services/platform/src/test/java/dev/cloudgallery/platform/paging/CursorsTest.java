package dev.cloudgallery.platform.paging;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.platform.problem.Problem;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A sealed cursor opens to its position; anything altered, forged or sealed with another key is a 400. */
class CursorsTest {
    private final Cursors cursors = cursors("one key");

    @Test
    void aCursorOpensToThePositionItSealed() {
        String position = Keyset.cursor(Instant.parse("2026-12-01T10:00:00.123456Z"),
                                        "01937a6e-0000-7000-8000-000000000001");
        assertEquals(position, cursors.open(cursors.seal(position)));
        assertEquals(new Keyset.Position(Instant.parse("2026-12-01T10:00:00.123456Z"),
                                         "01937a6e-0000-7000-8000-000000000001"),
                     Keyset.position(cursors.open(cursors.seal(position))));
    }

    @Test
    void alteredForgedAndForeignCursorsAreRefused() {
        String position = Keyset.cursor(Instant.parse("2026-12-01T10:00:00Z"), "01937a6e-0000-7000-8000-000000000001");
        String sealed = cursors.seal(position);
        int dot = sealed.indexOf('.');
        String earlier = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Keyset.cursor(Instant.parse("2020-01-01T00:00:00Z"), "01937a6e-0000-7000-8000-000000000001").getBytes());
        char last = sealed.charAt(sealed.length() - 1);
        List<String> refused = List.of(
                earlier + sealed.substring(dot),
                sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A'),
                sealed.substring(0, dot),
                sealed.substring(0, dot) + ".",
                "." + sealed.substring(dot + 1),
                cursors("another key").seal(position),
                "not base64!." + sealed.substring(dot + 1),
                "");
        for (String cursor : refused) {
            Problem problem = assertThrows(Problem.class, () -> cursors.open(cursor), cursor);
            assertEquals(400, problem.status(), cursor);
        }
    }

    @Test
    void aServiceWithoutAKeyDoesNotStart() {
        assertThrows(IllegalStateException.class, () -> Cursors.create(Config.just(ConfigSources.create(Map.of()))));
    }

    private static Cursors cursors(String key) {
        return Cursors.create(Config.just(ConfigSources.create(Map.of("cursor.key", key))));
    }
}
