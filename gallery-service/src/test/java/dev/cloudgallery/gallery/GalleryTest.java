package dev.cloudgallery.gallery;

import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.Tokens;
import dev.cloudgallery.testing.api.Api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class of its own service on a loopback port of the shared test stack, with a consumer that feeds the read
 * model directly: a test hands it events as the queue would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GalleryTest {
    final Tokens tokens = Tokens.forPool(TestStack.shared().pool());
    TestGallery gallery;
    Api api;
    EventConsumer consumer;

    @BeforeAll
    void start() {
        gallery = TestGallery.start();
        api = gallery.api();
        consumer = gallery.consumer();
    }

    @AfterAll
    void stop() {
        gallery.stop();
    }

    /** An access token of the pool for {@code userId}. */
    String token(String userId) {
        return tokens.signedByPool(tokens.accessClaims(userId).build());
    }
}
