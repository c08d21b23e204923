package dev.cloudgallery.platform.http;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.platform.problem.Problem;

import io.helidon.dbclient.DbClientException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Renders every failure as RFC 9457 problem+json. Unexpected exceptions become a 500 whose body says nothing about
 * the internals; a failed dependency (database, AWS) becomes a 503 so clients know to retry.
 */
public final class Problems {
    public static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");

    private static final System.Logger LOGGER = System.getLogger(Problems.class.getName());
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private Problems() {
    }

    /** Registers the error handlers on a service's routing. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(Problem.class, (req, res, e) -> send(req, res, e))
                .error(JsonParsingException.class,
                       (req, res, e) -> send(req, res, Problem.badRequest("The request body is not valid JSON.")))
                .error(RequestException.class, Problems::requestFailure)
                .error(HttpException.class, Problems::httpFailure)
                .error(DbClientException.class, Problems::databaseFailure)
                .error(SdkClientException.class, (req, res, e) -> dependencyFailure(req, res, "AWS", e))
                .error(UncheckedIOException.class, (req, res, e) -> dependencyFailure(req, res, "I/O", e))
                .error(Exception.class, Problems::unexpected);
    }

    /**
     * Writes a problem as the response. Helidon resets the response before an error handler runs, so the request
     * id is set again here.
     */
    public static void send(ServerRequest req, ServerResponse res, Problem problem) {
        req.context().get(RequestLog.RequestId.class).ifPresent(id -> res.header(RequestLog.REQUEST_ID, id.value()));
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            JsonArrayBuilder errors = JSON.createArrayBuilder();
            problem.errors().forEach(e -> errors.add(JSON.createObjectBuilder()
                                                             .add("field", e.field())
                                                             .add("message", e.message())));
            body.add("errors", errors);
        }
        problem.extensions().forEach((name, value) -> body.add(name, toJson(value)));
        problem.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        res.status(Status.create(problem.status()))
                .headers().contentType(PROBLEM_JSON);
        res.send(body.build().toString());
    }

    private static JsonValue toJson(Object value) {
        if (value instanceof Number n) {
            return Json.createValue(n.longValue());
        }
        return Json.createValue(String.valueOf(value));
    }

    private static void requestFailure(ServerRequest req, ServerResponse res, RequestException e) {
        int status = e.status().code();
        if (status == 413) {
            send(req, res, Problem.payloadTooLarge(RequestBodies.MAX_BYTES));
        } else if (status >= 500) {
            unexpected(req, res, e);
        } else {
            send(req, res, Problem.of(status, "bad-request", e.status().reasonPhrase(), "The request could not be read."));
        }
    }

    /**
     * The database being unreachable is an outage (503, retry later); a statement the database refused is a bug in
     * this service (500), and must not hide behind a retryable answer.
     */
    private static void databaseFailure(ServerRequest req, ServerResponse res, DbClientException e) {
        if (isConnectionFailure(e)) {
            dependencyFailure(req, res, "database", e);
        } else {
            unexpected(req, res, e);
        }
    }

    /**
     * SQLSTATE class 08 (the connection failed), 57P01 to 57P03 (the server shuts down, crashed or is starting: what
     * a pooled connection meets when Aurora fails over or restarts) and 53300 (too many connections).
     */
    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                        || sql.getSQLState().equals("53300"))) {
                return true;
            }
        }
        return false;
    }

    /** Helidon's own answers, such as 404 for an unknown route; a 5xx among them is unexpected. */
    private static void httpFailure(ServerRequest req, ServerResponse res, HttpException e) {
        int status = e.status().code();
        if (status >= 500) {
            unexpected(req, res, e);
        } else if (status == 404) {
            send(req, res, Problem.notFound("There is nothing at this path."));
        } else {
            send(req, res, Problem.of(status, "http-" + status, e.status().reasonPhrase(), e.status().reasonPhrase()));
        }
    }

    private static void dependencyFailure(ServerRequest req, ServerResponse res, String dependency, Exception e) {
        LOGGER.log(Level.WARNING, () -> "Dependency " + dependency + " failed on " + req.path().path() + ": " + e);
        send(req, res, Problem.unavailable("A service this request depends on is unavailable. Try again shortly."));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOGGER.log(Level.ERROR, "Unhandled failure on " + req.prologue().method().text() + " " + req.path().path(), e);
        send(req, res, Problem.of(500, "internal", "Internal error",
                             "The request failed unexpectedly. Quote the X-Request-Id when reporting it."));
    }
}
