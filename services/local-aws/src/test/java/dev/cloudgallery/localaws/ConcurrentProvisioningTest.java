package dev.cloudgallery.localaws;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.cloudgallery.platform.db.DatabaseCredentials;
import dev.cloudgallery.platform.db.Schemas;

import org.junit.jupiter.api.Test;

/**
 * Three services deployed at once provision their schemas at once, as compose's migration containers and parallel
 * deployments do: none may fail on the catalog rows they share.
 */
class ConcurrentProvisioningTest {
    private static final List<String> SCHEMAS = List.of("users", "images", "gallery");
    private static final int ROUNDS = 40;

    @Test
    void servicesProvisionTheirSchemasAtTheSameTime() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Files.createTempDirectory("provisioning"), 0)) {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(SCHEMAS.size());
                List<Callable<Void>> provisions = new ArrayList<>();
                for (String schema : SCHEMAS) {
                    provisions.add(() -> {
                        together.await();
                        Schemas.provision(database.adminDataSource(), schema,
                                          new DatabaseCredentials(schema + "_service", "secret-" + schema));
                        return null;
                    });
                }
                try (ExecutorService threads = Executors.newFixedThreadPool(SCHEMAS.size())) {
                    for (Future<Void> provision : threads.invokeAll(provisions)) {
                        provision.get();
                    }
                }
            }
        }
    }
}
