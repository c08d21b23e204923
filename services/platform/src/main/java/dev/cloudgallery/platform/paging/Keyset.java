package dev.cloudgallery.platform.paging;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.problem.Problem;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * API.md's list conventions, the same in every service: keyset pages ordered newest first by {@code (createdAt, id)},
 * a cursor naming the last item of the previous page (sealed by {@link Cursors}, so opaque and tamper-evident), and a
 * page size of 1–100 (24 unless asked). A malformed cursor or size is the client's error (400), never a 500.
 */
public final class Keyset {
    public static final int DEFAULT_LIMIT = 24;
    public static final int MAX_LIMIT = 100;
    /** The latest instant PostgreSQL stores (the year 294276), in microseconds. */
    private static final long LATEST_MICROS = 9_224_318_015_999_999L;

    private Keyset() {
    }

    /** A position in a list: the item to continue after. */
    public record Position(Instant createdAt, String id) {
    }

    /** The page size a {@code limit} query parameter asks for. */
    public static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, like any other value out of range.
        }
        throw Problem.validation("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /**
     * Ends a query of a list ordered by {@code created_at} and then {@code idColumn} (a uuid), newest first: only rows
     * after {@code after}, at most {@code limit} of them. On an index of the same order, a deep page reads as little
     * as the first.
     */
    public static String pageSql(String idColumn, Optional<Position> after, int limit, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        after.ifPresent(position -> {
            sql.append(" AND (created_at, ").append(idColumn).append(") < (?, ?::uuid)");
            parameters.add(Timestamp.from(position.createdAt()));
            parameters.add(position.id());
        });
        sql.append(" ORDER BY created_at DESC, ").append(idColumn).append(" DESC LIMIT ?");
        parameters.add(limit);
        return sql.toString();
    }

    /**
     * The answer {@code {items, nextCursor?}} for rows fetched with a limit one above {@code limit}: the extra row,
     * if there is one, only tells that another page follows, whose cursor names the last row shown.
     */
    public static <T> JsonObject page(List<T> fetched, int limit, Function<T, JsonValue> item,
                                      Function<T, String> cursor) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        fetched.stream().limit(limit).forEach(row -> items.add(item.apply(row)));
        JsonObjectBuilder answer = Json.createObjectBuilder().add("items", items);
        if (fetched.size() > limit) {
            answer.add("nextCursor", cursor.apply(fetched.get(limit - 1)));
        }
        return answer.build();
    }

    /** A position as {@link Cursors} seals it: microseconds since the epoch and the id. */
    public static String cursor(Instant createdAt, String id) {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
        return micros + "/" + id;
    }

    /** The position of {@link #cursor}; a 400 for anything else (a sealed cursor of another kind of list). */
    public static Position position(String cursor) {
        try {
            String[] parts = cursor.split("/");
            long micros = parts.length == 2 ? Long.parseLong(parts[0]) : -1;
            // A cursor before 1970 was never given out.
            if (micros >= 0 && micros <= LATEST_MICROS) {
                Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                                                          Math.floorMod(micros, 1_000_000) * 1_000L);
                return new Position(createdAt, UUID.fromString(parts[1]).toString());
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            // Answered below.
        }
        throw Problem.validation("cursor", "is not a cursor this API gave out");
    }
}
