package dev.cloudgallery.gallery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.cloudgallery.testing.api.Api.Request;
import dev.cloudgallery.testing.api.Api.Response;
import dev.cloudgallery.testing.api.LambdaApi;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness;
import dev.cloudgallery.testing.lambda.SqsEvents;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read model, fed image events as image-service's outbox sends them: what each list shows, that redelivered,
 * reordered and late events converge, and both adapters (events as SQS batches and queries as API Gateway events
 * through the real RIC).
 */
class ReadModelTest extends GalleryTest {
    @Test
    void theFeedShowsPublicImagesAndTheOwnerSeesAllOfTheirs() {
        String owner = UUID.randomUUID().toString();
        String shown = UUID.randomUUID().toString();
        String hidden = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.event("image.ready", shown, owner, 2, "public", "Sunset"));
        consumer.handle(ImageEvents.event("image.ready", hidden, owner, 2, "private", "Diary"));

        assertTrue(feedIds().contains(shown));
        assertFalse(feedIds().contains(hidden));
        assertEquals(Set.of(shown, hidden), ids(api.send(Request.of("GET", "/api/gallery/me").bearer(token(owner)))));
        assertEquals(Set.of(shown, hidden), ids(api.send(Request.of("GET", "/api/gallery/users/" + owner)
                                                                 .bearer(token(owner)))));
        assertEquals(Set.of(shown), ids(api.get("/api/gallery/users/" + owner)));
        assertEquals(Set.of(shown), ids(api.send(Request.of("GET", "/api/gallery/users/" + owner)
                                                         .bearer(token(UUID.randomUUID().toString())))));
        JsonObject card = api.get("/api/gallery/users/" + owner).json().getJsonArray("items").getJsonObject(0);
        assertEquals("Sunset", card.getString("title"));
        assertEquals(640, card.getInt("width"));
        assertTrue(card.getJsonObject("urls").getString("thumbnail").contains("/derivatives/" + owner + "/" + shown
                                                                              + "/thumbnail"), card::toString);
        assertEquals(401, api.get("/api/gallery/me").status());
        assertEquals(404, api.get("/api/gallery/users/not-a-user").status());
    }

    @Test
    void lateRedeliveredAndReorderedEventsConvergeAndADeleteWins() {
        String owner = UUID.randomUUID().toString();
        String image = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.event("image.visibility_changed", image, owner, 4, "public", "Newest"));
        consumer.handle(ImageEvents.event("image.ready", image, owner, 2, "private", "Oldest"));
        consumer.handle(ImageEvents.event("image.updated", image, owner, 3, "private", "Older"));
        consumer.handle(ImageEvents.event("image.visibility_changed", image, owner, 4, "public", "Newest"));
        JsonObject card = api.get("/api/gallery/users/" + owner).json().getJsonArray("items").getJsonObject(0);
        assertEquals("Newest", card.getString("title"));
        assertEquals("public", card.getString("visibility"));

        consumer.handle(ImageEvents.deleted(image, owner, 5));
        consumer.handle(ImageEvents.event("image.updated", image, owner, 4, "public", "Ghost"));
        assertFalse(feedIds().contains(image));
        assertEquals(Set.of(), ids(api.send(Request.of("GET", "/api/gallery/me").bearer(token(owner)))));

        String never = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.deleted(never, owner, 3));
        consumer.handle(ImageEvents.event("image.ready", never, owner, 2, "public", "Too late"));
        assertFalse(feedIds().contains(never), "a delete that arrives first still wins");
    }

    @Test
    void aDisplayNameChangeReachesEveryCardOfItsOwnerAndTheCardsToCome() {
        String owner = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.event("image.ready", first, owner, 2, "public", "First"));
        consumer.handle(ImageEvents.event("image.ready", second, owner, 2, "private", "Second"));
        consumer.handle(ImageEvents.event("image.ready", UUID.randomUUID().toString(), other, 2, "public", "Else"));

        consumer.handle(ImageEvents.profile(owner, 2, "Ada L."));
        consumer.handle(ImageEvents.profile(owner, 1, "Ada"));
        consumer.handle(ImageEvents.profile(other, 1, "Grace"));
        String later = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.event("image.ready", later, owner, 2, "public", "Later"));

        Response mine = api.send(Request.of("GET", "/api/gallery/me").bearer(token(owner)));
        assertEquals(Set.of(first, second, later), ids(mine));
        mine.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(
                card -> assertEquals("Ada L.", card.getString("ownerDisplayName"), "the newest name: " + card));
        assertEquals("Grace", api.get("/api/gallery/users/" + other).json().getJsonArray("items").getJsonObject(0)
                .getString("ownerDisplayName"));
    }

    @Test
    void walkingTheFeedByCursorReturnsEveryPublicImageOnceWhileNewOnesArrive() {
        String owner = UUID.randomUUID().toString();
        List<String> mine = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            String image = UUID.randomUUID().toString();
            mine.add(image);
            consumer.handle(ImageEvents.event("image.ready", image, owner, 2, "public", "Walk " + i, start.plusSeconds(i)));
        }
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/api/gallery/users/" + owner + "?limit=3" + (cursor == null ? "" : "&cursor="
                                                                                    + cursor));
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("items").getValuesAs(JsonObject.class)
                    .forEach(card -> walked.add(card.getString("imageId")));
            cursor = page.json().getString("nextCursor", null);
            if (pages++ == 0) {
                // Newer than everything already seen: it belongs before the cursor, so the walk never shows it.
                consumer.handle(ImageEvents.event("image.ready", UUID.randomUUID().toString(), owner, 2, "public", "Late",
                                      start.plusSeconds(60)));
            }
        } while (cursor != null);
        assertEquals(new HashSet<>(mine), new HashSet<>(walked));
        assertEquals(mine.size(), walked.size(), "each exactly once: " + walked);
        assertEquals(400, api.get("/api/gallery/feed?cursor=forged").status());
        String sealed = api.get("/api/gallery/users/" + owner + "?limit=1").json().getString("nextCursor");
        String altered = (sealed.charAt(0) == 'M' ? 'N' : 'M') + sealed.substring(1);
        assertEquals(400, api.get("/api/gallery/users/" + owner + "?cursor=" + altered).status(), "tamper-evident");
        assertEquals(400, api.get("/api/gallery/feed?limit=101").status());
    }

    @Test
    void searchFindsStemmedWordsInPublicAndOwnImagesBestFirst() {
        String owner = UUID.randomUUID().toString();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String inTitle = UUID.randomUUID().toString();
        String inDescription = UUID.randomUUID().toString();
        String privateOne = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        consumer.handle(ImageEvents.event("image.ready", inDescription, owner, 2, "public", "Boats", word + " at dawn"));
        consumer.handle(ImageEvents.event("image.ready", inTitle, owner, 2, "public", word + " sailing", "Boats"));
        consumer.handle(ImageEvents.event("image.ready", privateOne, owner, 2, "private", word + " diary", ""));
        consumer.handle(ImageEvents.event("image.ready", deleted, owner, 2, "public", word + " gone", ""));
        consumer.handle(ImageEvents.deleted(deleted, owner, 3));

        List<String> anonymous = searchIds(api.get("/api/gallery/search?q=" + word));
        assertEquals(List.of(inTitle, inDescription), anonymous, "a title match ranks first; private and deleted out");
        assertEquals(List.of(inTitle), searchIds(api.get("/api/gallery/search?q=" + word + "+sailed")),
                     "stemming: sailed finds sailing, and both words must match");
        List<String> ownerSees = searchIds(api.send(Request.of("GET", "/api/gallery/search?q=" + word)
                                                            .bearer(token(owner))));
        assertEquals(Set.of(inTitle, inDescription, privateOne), new HashSet<>(ownerSees));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.send(Request.of("GET", "/api/gallery/search?limit=1&q=" + word
                                                       + (cursor == null ? "" : "&cursor=" + cursor))
                                             .bearer(token(owner)));
            walked.addAll(searchIds(page));
            cursor = page.json().getString("nextCursor", null);
        } while (cursor != null);
        assertEquals(ownerSees, walked, "pages of one walk the same ranking");
        assertEquals(400, api.get("/api/gallery/search").status());
        assertEquals(400, api.get("/api/gallery/search?q=" + word + "&cursor=zz.forged").status());
        String feedCursor = api.get("/api/gallery/feed?limit=1").json().getString("nextCursor");
        assertEquals(400, api.get("/api/gallery/search?q=" + word + "&cursor=" + feedCursor).status(),
                     "a genuine cursor of another list");
    }

    @Test
    void eventsAsSqsBatchesAndQueriesAsApiGatewayEventsThroughTheRuntime() {
        String owner = UUID.randomUUID().toString();
        String image = UUID.randomUUID().toString();
        Map<String, String> batch = new LinkedHashMap<>();
        batch.put("m-1", ImageEvents.event("image.ready", image, owner, 2, "public", "Via Lambda"));
        batch.put("m-2", "not an event");
        batch.put("m-3", "{\"eventId\":\"x/1\",\"type\":\"profile.renamed\",\"aggregateId\":\"" + owner + "\"}");
        try (LambdaRuntimeHarness consumerFunction = LambdaRuntimeHarness.start(
                ConsumerLambda.class.getName() + "::handleRequest", gallery.environment());
             LambdaRuntimeHarness apiFunction = LambdaRuntimeHarness.start(
                     GalleryLambda.class.getName() + "::handleRequest", gallery.environment())) {
            JsonObject answer = consumerFunction.invoke(SqsEvents.batch(SqsEvents.QUEUE_ARN, batch));
            assertEquals(List.of("m-2"), answer.getJsonArray("batchItemFailures").getValuesAs(JsonObject.class)
                    .stream().map(failure -> failure.getString("itemIdentifier")).toList());
            Response page = new LambdaApi(apiFunction).send(Request.of("GET", "/api/gallery/users/" + owner));
            assertEquals(200, page.status(), page::toString);
            assertEquals(Set.of(image), ids(page));
        }
    }

    private static List<String> searchIds(Response page) {
        assertEquals(200, page.status(), page::toString);
        return page.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(card -> card.getString("imageId")).toList();
    }

    private Set<String> feedIds() {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            Response page = api.get("/api/gallery/feed?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            ids.addAll(ids(page));
            cursor = page.json().getString("nextCursor", null);
        } while (cursor != null);
        return ids;
    }

    private static Set<String> ids(Response page) {
        assertEquals(200, page.status(), page::toString);
        Set<String> ids = new HashSet<>();
        page.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(card -> ids.add(card.getString(
                "imageId")));
        return ids;
    }
}
