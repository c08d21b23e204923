package dev.cloudgallery.platform.logging;

import java.util.Optional;

/**
 * The request id of the request the current thread is handling, so that every log line written while handling it
 * carries the id: the service's own, and those of the libraries it calls (the AWS SDK, HikariCP, Flyway), which
 * log through SLF4J into the same JUL handlers.
 */
public final class LogContext {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private LogContext() {
    }

    /** Runs {@code work} with {@code requestId} as the current thread's request id. */
    public static void withRequestId(String requestId, Runnable work) {
        String outer = REQUEST_ID.get();
        REQUEST_ID.set(requestId);
        try {
            work.run();
        } finally {
            if (outer == null) {
                REQUEST_ID.remove();
            } else {
                REQUEST_ID.set(outer);
            }
        }
    }

    /** The id of the request the current thread handles, if it handles one. */
    public static Optional<String> requestId() {
        return Optional.ofNullable(REQUEST_ID.get());
    }
}
