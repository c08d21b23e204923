package dev.cloudgallery.platform.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import dev.cloudgallery.platform.json.Json;

import jakarta.json.JsonObjectBuilder;

/**
 * Writes each log record as one JSON line, the shape CloudWatch Logs Insights and local tools can query.
 * A record whose single parameter is a {@code Map} contributes that map's entries as top-level fields; this is how
 * the request log emits {@code requestId}, {@code status}, {@code latencyMs} and the like. A line written while a
 * request is handled carries that request's {@code requestId} (see {@link LogContext}), whichever library wrote it.
 * Configure it in logging.properties: {@code java.util.logging.ConsoleHandler.formatter=...JsonLogFormatter}.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("ts", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", record.getLevel().getName())
                .add("logger", String.valueOf(record.getLoggerName()));
        // Handlers format on the logging thread, so this is the id of the request that thread is handling.
        LogContext.requestId().ifPresent(id -> line.add("requestId", id));
        Object[] params = record.getParameters();
        if (params != null && params.length == 1 && params[0] instanceof Map<?, ?> fields) {
            line.add("msg", String.valueOf(record.getMessage()));
            fields.forEach((key, value) -> add(line, String.valueOf(key), value));
        } else {
            line.add("msg", String.valueOf(formatMessage(record)));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("error", trace.toString());
        }
        return line.build() + System.lineSeparator();
    }

    private static void add(JsonObjectBuilder line, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Integer || value instanceof Long) {
            line.add(key, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            line.add(key, n.doubleValue());
        } else {
            line.add(key, value.toString());
        }
    }
}
