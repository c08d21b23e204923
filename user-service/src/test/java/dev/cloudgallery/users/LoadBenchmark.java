package dev.cloudgallery.users;

import dev.cloudgallery.testing.SignedInUser;
import dev.cloudgallery.testing.bench.HttpLoad;
import dev.cloudgallery.testing.bench.Wrk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** user-service's main read route, a signed-in user's own profile, under load ({@link HttpLoad}); make bench. */
class LoadBenchmark {
    @Test
    void ownProfileUnderLoad() {
        assumeTrue(Wrk.installed(), "make bench installs wrk (scripts/bench-tools.sh)");
        HttpLoad.measureSignedIn("user-service", "users", Main::start, "/api/users/me", SignedInUser.withProfile());
    }
}
