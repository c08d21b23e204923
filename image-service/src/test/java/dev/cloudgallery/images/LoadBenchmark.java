package dev.cloudgallery.images;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import dev.cloudgallery.testing.SignedInUser;
import dev.cloudgallery.testing.TestStack;
import dev.cloudgallery.testing.bench.HttpLoad;
import dev.cloudgallery.testing.bench.Wrk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * image-service's main read route, an image's metadata as its owner sees it (with the signed URL of each rendition),
 * under load ({@link HttpLoad}); make bench. The image is a READY row as processing leaves one.
 */
class LoadBenchmark {
    @Test
    void imageMetadataUnderLoad() throws SQLException {
        assumeTrue(Wrk.installed(), "make bench installs wrk (scripts/bench-tools.sh)");
        SignedInUser owner = SignedInUser.create();
        // Migrates the schema first.
        TestStack.shared().serviceEnvironment("images");
        String imageId = UUID.randomUUID().toString();
        String rendition = "{\"contentType\": \"image/jpeg\", \"bytes\": 200000, \"width\": 1280, \"height\": 960}";
        try (Connection connection = TestStack.shared().database().adminDataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO images.images (image_id, owner_id, status, filename, content_type, declared_size, "
                     + "size, width, height, title, description, renditions) VALUES (?::uuid, ?::uuid, 'READY', "
                     + "'harbour.jpg', 'image/jpeg', 2000000, 2000000, 4000, 3000, 'Harbour at dawn', "
                     + "'Boats in the early light', ?::jsonb)")) {
            insert.setString(1, imageId);
            insert.setString(2, owner.userId());
            insert.setString(3, "{\"original\": " + rendition + ", \"medium\": " + rendition + ", \"thumbnail\": "
                                + rendition + "}");
            insert.executeUpdate();
        }
        HttpLoad.measureSignedIn("image-service", "images", Main::start, "/api/images/" + imageId, owner);
    }
}
