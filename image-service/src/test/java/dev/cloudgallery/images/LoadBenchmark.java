package dev.cloudgallery.images;

import dev.cloudgallery.testing.SignedInUser;
import dev.cloudgallery.testing.bench.HttpLoad;
import dev.cloudgallery.testing.bench.Wrk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** image-service's read route for a signed-in user, their storage quota, under load ({@link HttpLoad}); make bench. */
class LoadBenchmark {
    @Test
    void quotaUnderLoad() {
        assumeTrue(Wrk.installed(), "make bench installs wrk (scripts/bench-tools.sh)");
        HttpLoad.measureSignedIn("image-service", "images", Main::start, "/api/images/quota",
                                 SignedInUser.create());
    }
}
