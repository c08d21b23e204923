package dev.cloudgallery.platform.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Lines that libraries write through SLF4J (the AWS SDK, HikariCP, Flyway) arrive in JUL, where the service's JSON
 * formatter writes them with the id of the request being handled.
 */
class LibraryLoggingTest {
    private static final String LOGGER = "dev.cloudgallery.platform.logging.library";
    /** Held here: JUL keeps loggers weakly, and a collected one would lose the handler under test. */
    private static final Logger JUL_LOGGER = Logger.getLogger(LOGGER);

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(getFormatter().format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        capture.setFormatter(new JsonLogFormatter());
        JUL_LOGGER.addHandler(capture);
        JUL_LOGGER.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        JUL_LOGGER.removeHandler(capture);
    }

    @Test
    void slf4jLinesReachTheJsonLogWithTheRequestId() {
        LogContext.withRequestId("req-42", () -> LoggerFactory.getLogger(LOGGER).info("pool {} started", "one"));

        assertEquals(1, lines.size(), "SLF4J must be bound to JUL, not to its no-op default: " + lines);
        JsonObject line = json(lines.getFirst());
        assertEquals("pool one started", line.getString("msg"));
        assertEquals(LOGGER, line.getString("logger"));
        assertEquals("req-42", line.getString("requestId"));
    }

    @Test
    void linesOutsideARequestCarryNoRequestId() {
        LogContext.withRequestId("req-43", () -> { });
        LoggerFactory.getLogger(LOGGER).info("background work");

        assertFalse(json(lines.getFirst()).containsKey("requestId"), lines::toString);
    }

    private static JsonObject json(String line) {
        try (var reader = Json.createReader(new java.io.StringReader(line))) {
            return reader.readObject();
        }
    }
}
