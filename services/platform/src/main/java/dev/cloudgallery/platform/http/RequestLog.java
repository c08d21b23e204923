package dev.cloudgallery.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.cloudgallery.platform.logging.LogContext;
import dev.cloudgallery.platform.security.Caller;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives every request an id and writes one log line per request once it is answered.
 * A client's {@code X-Request-Id} is echoed only when it is sane (short, no control or separator characters), so a
 * hostile value can't forge log lines or headers; otherwise a new id is generated. {@code =} is allowed because
 * API Gateway's own request ids end in base64 padding.
 */
public final class RequestLog implements Filter {
    public static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");

    private static final Logger LOG = Logger.getLogger("request");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:=-]{1,128}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String id = req.headers().first(REQUEST_ID)
                .filter(value -> SANE_ID.matcher(value).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        req.context().register(new RequestId(id));
        res.header(REQUEST_ID, id);
        // Routing rewrites the path to the part below the service's prefix; log what the client asked for.
        String path = req.path().rawPath();
        try {
            LogContext.withRequestId(id, chain::proceed);
        } finally {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("requestId", id);
            fields.put("method", req.prologue().method().text());
            fields.put("path", path);
            fields.put("status", res.status().code());
            fields.put("latencyMs", (System.nanoTime() - start) / 1_000_000.0);
            req.context().get(Caller.class).ifPresent(caller -> fields.put("user", caller.userId()));
            LOG.log(Level.INFO, "request", fields);
        }
    }

    /** The id of the request being handled, registered in the request context. */
    public record RequestId(String value) {
    }
}
