package dev.cloudgallery.gallery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The property the consumer's idempotence and versioning promise: whatever order SQS delivers a history in, however
 * often it repeats a message, and however many consumers apply it at once, the read model ends as it does for the
 * ordered history. Each seed generates a history of images (created, edited, made public or private, perhaps
 * deleted) and profile renames for a few owners; it is applied once in order and once shuffled, with duplicates, by
 * four threads, to two copies of the same history under different ids, and what each owner's gallery shows is
 * compared. A failing seed replays the same history.
 */
class ConvergenceTest extends GalleryTest {
    private static final int OWNERS = 3;
    private static final int IMAGES = 12;

    /** One event of the history, by the logical indexes of its owner and image, rendered for a world's ids. */
    private interface Event extends Function<World, String> {
    }

    /** One copy of the history: logical owners and images mapped to ids of their own. */
    private record World(List<String> owners, List<String> images) {
        static World create() {
            List<String> owners = new ArrayList<>();
            List<String> images = new ArrayList<>();
            for (int i = 0; i < OWNERS; i++) {
                owners.add(UUID.randomUUID().toString());
            }
            for (int i = 0; i < IMAGES; i++) {
                images.add(UUID.randomUUID().toString());
            }
            return new World(owners, images);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void anyDeliveryOfAHistoryEndsAsTheOrderedHistoryDoes(long seed) throws Exception {
        Random random = new Random(seed);
        List<Event> history = history(random);

        World ordered = World.create();
        history.forEach(event -> consumer.handle(event.apply(ordered)));

        World shuffled = World.create();
        List<Event> deliveries = new ArrayList<>(history);
        history.stream().filter(event -> random.nextInt(3) == 0).forEach(deliveries::add);
        Collections.shuffle(deliveries, random);
        ExecutorService consumers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> applied = new ArrayList<>();
            deliveries.forEach(event -> applied.add(consumers.submit(() -> consumer.handle(event.apply(shuffled)))));
            for (Future<?> each : applied) {
                each.get();
            }
        } finally {
            consumers.shutdown();
        }

        for (int owner = 0; owner < OWNERS; owner++) {
            assertEquals(gallery(ordered, owner), gallery(shuffled, owner), "seed " + seed + ", owner " + owner);
        }
    }

    /**
     * A history in order: per image, ready (version 2), a few edits, perhaps a delete; per owner, a few renames;
     * images and owners interleaved at random.
     */
    private static List<Event> history(Random random) {
        List<List<Event>> streams = new ArrayList<>();
        for (int image = 0; image < IMAGES; image++) {
            int index = image;
            int owner = random.nextInt(OWNERS);
            Instant createdAt = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(random.nextInt(3600));
            List<Event> stream = new ArrayList<>();
            long version = 2;
            String visibility = random.nextBoolean() ? "public" : "private";
            stream.add(imageEvent("image.ready", index, owner, version, visibility, "Title " + version, createdAt));
            for (int edits = random.nextInt(4); edits > 0; edits--) {
                version++;
                boolean flip = random.nextBoolean();
                visibility = flip ? (visibility.equals("public") ? "private" : "public") : visibility;
                stream.add(imageEvent(flip ? "image.visibility_changed" : "image.updated", index, owner, version,
                                      visibility, "Title " + version, createdAt));
            }
            if (random.nextInt(4) == 0) {
                long deletedAt = version + 1;
                stream.add(world -> ImageEvents.deleted(world.images().get(index), world.owners().get(owner),
                                                        deletedAt));
            }
            streams.add(stream);
        }
        for (int owner = 0; owner < OWNERS; owner++) {
            int index = owner;
            List<Event> stream = new ArrayList<>();
            for (long version = 1; version <= 1 + random.nextInt(3); version++) {
                long renamed = version;
                stream.add(world -> ImageEvents.profile(world.owners().get(index), renamed, "Owner " + index + " v"
                                                                                              + renamed));
            }
            streams.add(stream);
        }
        List<Event> history = new ArrayList<>();
        while (streams.stream().anyMatch(stream -> !stream.isEmpty())) {
            List<Event> next = streams.get(random.nextInt(streams.size()));
            if (!next.isEmpty()) {
                history.add(next.removeFirst());
            }
        }
        return history;
    }

    private static Event imageEvent(String type, int image, int owner, long version, String visibility,
                                    String title, Instant createdAt) {
        return world -> ImageEvents.event(type, world.images().get(image), world.owners().get(owner), version,
                                          visibility, title, "About " + title, createdAt);
    }

    /** What the owner's own gallery shows, by logical image index, without the world's ids and signed URLs. */
    private Map<Integer, String> gallery(World world, int owner) {
        Response page = api.send(Request.of("GET", "/api/gallery/me?limit=100").bearer(token(world.owners()
                                                                                                .get(owner))));
        assertEquals(200, page.status(), page::toString);
        Map<Integer, String> cards = new TreeMap<>();
        for (JsonObject card : page.json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            cards.put(world.images().indexOf(card.getString("imageId")),
                      String.join("|", card.getString("title"), card.getString("description"),
                                  card.getString("visibility"), card.getString("ownerDisplayName"),
                                  card.getString("createdAt")));
        }
        return cards;
    }
}
