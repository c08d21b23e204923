package dev.cloudgallery.users;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.testing.api.Api.Response;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's error convention (API.md): every failure is an RFC 9457 problem that reveals nothing internal. */
final class ProblemAssertions {
    private ProblemAssertions() {
    }

    /** Asserts {@code response} is a complete problem with {@code status}; returns its body. */
    static JsonObject assertProblem(Response response, int status) {
        assertEquals(status, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("content-type"), response::toString);
        JsonObject problem = response.json();
        assertTrue(problem.getString("type", "").startsWith(Problem.TYPE_BASE), response::toString);
        assertFalse(problem.getString("title", "").isBlank(), response::toString);
        assertEquals(status, problem.getInt("status", -1), response::toString);
        assertFalse(problem.getString("detail", "").isBlank(), response::toString);
        // Class names in a body mean an exception escaped unmapped: a stack trace, SQL or AWS error text.
        assertFalse(response.text().contains("Exception"), response::toString);
        assertFalse(response.text().contains("org.postgresql"), response::toString);
        return problem;
    }

    /** The fields a validation problem names, in order. */
    static Set<String> fields(JsonObject problem) {
        Set<String> fields = new LinkedHashSet<>();
        for (JsonValue error : problem.getJsonArray("errors")) {
            JsonObject entry = error.asJsonObject();
            assertFalse(entry.getString("message", "").isBlank(), problem::toString);
            fields.add(entry.getString("field"));
        }
        return fields;
    }

    /** Asserts a 400 validation problem naming exactly {@code expected}. */
    static void assertInvalidFields(Response response, String... expected) {
        JsonObject problem = assertProblem(response, 400);
        assertTrue(problem.containsKey("errors"), response::toString);
        assertEquals(Set.of(expected), fields(problem), response::toString);
    }
}
