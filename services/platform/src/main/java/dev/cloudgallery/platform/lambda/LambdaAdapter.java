package dev.cloudgallery.platform.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.cloudgallery.platform.ServiceConfig;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

/**
 * The Lambda entry point of a service, for the runtime interface client (RIC) that is the image's entrypoint.
 * <p>
 * The service runs exactly as it does locally: its Helidon server is started during the function's init phase,
 * bound to an ephemeral port on the loopback interface, and every API Gateway HTTP API (payload 2.0) event is
 * forwarded to it as a plain HTTP request, so business code never knows which adapter runs. SQS events go to the
 * {@link SqsHandler} given at construction.
 * <p>
 * Events are parsed as plain JSON ({@link LambdaEvents}); the loopback hop is a plain HTTP/1.1 connection
 * ({@link LoopbackClient}).
 * <p>
 * A service's handler is a final subclass with a public no-argument constructor, e.g.
 * {@code public UsersLambda() { super(Main::start); }}. The RIC instantiates it during init; anything the starter
 * throws propagates, so the RIC reports an init error and the process exits instead of serving broken requests.
 */
public abstract class LambdaAdapter implements RequestStreamHandler {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Hop-by-hop headers, and those that describe the incoming connection rather than the loopback one. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "http2-settings", "host", "content-length", "expect");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "set-cookie");
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript", "application/yaml", "application/x-yaml", "application/x-www-form-urlencoded");
    private static final Set<String> UTF8_CHARSETS = Set.of("utf-8", "utf8", "us-ascii");
    private static final String URI_PUNCTUATION = "-._~!$&'()*+,;=:@/?";

    private final SqsHandler sqs;
    private final LoopbackClient client;

    /**
     * Starts the service for a function that receives only HTTP events.
     *
     * @param starter builds and starts the service's server from the root config, whose {@code server} node binds
     *                it to an ephemeral loopback port
     */
    protected LambdaAdapter(Function<Config, WebServer> starter) {
        this(start(starter), null);
    }

    /**
     * Starts the service for a function that also consumes an SQS queue.
     *
     * @param starter as for {@link #LambdaAdapter(Function)}
     * @param sqs     receives every SQS event
     */
    protected LambdaAdapter(Function<Config, WebServer> starter, SqsHandler sqs) {
        this(start(starter), Objects.requireNonNull(sqs, "sqs"));
    }

    private LambdaAdapter(WebServer server, SqsHandler sqs) {
        this.client = new LoopbackClient(server.port(), server.prototype().idleConnectionTimeout().dividedBy(2));
        this.sqs = sqs;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.write(dispatch(LambdaEvents.read(input)), output);
    }

    private static WebServer start(Function<Config, WebServer> starter) {
        // As a service's main does, before anything logs: until then the JDK's default formatter writes plain text
        // lines (dates formatted with locale data, which alone cost tens of milliseconds of a cold start) at levels
        // logging.properties silences.
        LogConfig.configureRuntime();
        WebServer server = starter.apply(ServiceConfig.load(Map.of("server.host", "127.0.0.1", "server.port", "0")));
        if (server == null || !server.isRunning()) {
            throw new IllegalStateException("The service's starter must return a started WebServer");
        }
        return server;
    }

    private JsonObject dispatch(JsonObject event) throws IOException {
        if (isHttpApi(event)) {
            return forward(event);
        }
        if (LambdaEvents.isSqs(event)) {
            if (sqs == null) {
                throw new IllegalStateException("An SQS event reached a function that has no SqsHandler");
            }
            return LambdaEvents.handleBatch(event, sqs);
        }
        throw new IllegalArgumentException("Unsupported event: expected an API Gateway HTTP API (payload 2.0) or an"
                + " SQS event, got one with the keys " + event.keySet());
    }

    private static boolean isHttpApi(JsonObject event) {
        return "2.0".equals(event.getString("version", null))
                && event.get("requestContext") instanceof JsonObject context
                && context.get("http") instanceof JsonObject;
    }

    private JsonObject forward(JsonObject event) throws IOException {
        JsonObject context = event.getJsonObject("requestContext");
        JsonObject http = context.getJsonObject("http");
        String query = event.getString("rawQueryString", "");
        String target = event.getString("rawPath", "/") + (query.isEmpty() ? "" : "?" + query);
        Map<String, String> headers = headers(event, context, http);
        headers.keySet().removeAll(NOT_FORWARDED);
        return toEvent(client.send(http.getString("method"), escape(target), headers, body(event)));
    }

    private static Map<String, String> headers(JsonObject event, JsonObject context, JsonObject http) {
        Map<String, String> headers = new HashMap<>();
        if (event.get("headers") instanceof JsonObject given) {
            given.forEach((name, value) -> {
                if (value instanceof JsonString text) {
                    headers.put(name.toLowerCase(Locale.ROOT), text.getString());
                }
            });
        }
        // Payload 2.0 moves the Cookie header into its own array.
        if (event.get("cookies") instanceof JsonArray cookies && !cookies.isEmpty()) {
            headers.put("cookie", String.join("; ", cookies.getValuesAs(JsonString::getString)));
        }
        String sourceIp = http.getString("sourceIp", null);
        if (sourceIp != null) {
            headers.merge("x-forwarded-for", sourceIp, LambdaAdapter::appendHop);
        }
        String requestId = context.getString("requestId", null);
        if (requestId != null) {
            headers.putIfAbsent("x-request-id", requestId);
        }
        return headers;
    }

    /**
     * The right-most X-Forwarded-For entry is the only one a service may trust, so it must be the peer API Gateway
     * saw; API Gateway has normally appended it already.
     */
    private static String appendHop(String forwarded, String sourceIp) {
        if (forwarded.isBlank()) {
            return sourceIp;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return last.equals(sourceIp) ? forwarded : forwarded + ", " + sourceIp;
    }

    private static byte[] body(JsonObject event) {
        String body = event.getString("body", "");
        return event.getBoolean("isBase64Encoded", false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject toEvent(LoopbackClient.Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonArrayBuilder cookies = JSON.createArrayBuilder();
        response.headers().forEach(field -> {
            if (field.getKey().equals("set-cookie")) {
                cookies.add(field.getValue());
            } else if (!NOT_RETURNED.contains(field.getKey())) {
                headers.merge(field.getKey(), field.getValue(), (first, next) -> first + "," + next);
            }
        });
        JsonObjectBuilder headerObject = JSON.createObjectBuilder();
        headers.forEach(headerObject::add);
        byte[] body = response.body();
        boolean text = body.length == 0 || isText(response.header("content-type"));
        return JSON.createObjectBuilder()
                .add("statusCode", response.status())
                .add("headers", headerObject)
                .add("cookies", cookies)
                .add("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .add("isBase64Encoded", !text)
                .build();
    }

    /**
     * Whether a body of this content type can travel as a plain string; anything else is base64-encoded.
     * API Gateway hands a plain body on as UTF-8, so text declared in any other charset travels as bytes too.
     */
    private static boolean isText(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=")
                    && !UTF8_CHARSETS.contains(parameter.substring("charset=".length()).replace("\"", ""))) {
                return false;
            }
        }
        String type = parts[0].strip();
        return type.startsWith("text/") || TEXT_TYPES.contains(type) || type.endsWith("+json") || type.endsWith("+xml");
    }

    /**
     * Percent-encodes what a request target can't hold but clients do send unencoded (spaces, {@code |}, non-ASCII,
     * a stray {@code %}), as a browser would; the server decodes both spellings alike.
     */
    private static String escape(String target) {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        StringBuilder escaped = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean legal = c < 0x80 && (Character.isLetterOrDigit(c)
                    || URI_PUNCTUATION.indexOf(c) >= 0
                    || c == '%' && i + 2 < bytes.length
                            && HexFormat.isHexDigit(bytes[i + 1]) && HexFormat.isHexDigit(bytes[i + 2]));
            if (legal) {
                escaped.append((char) c);
            } else {
                escaped.append('%').append(HEX.toHexDigits(bytes[i]));
            }
        }
        return escaped.toString();
    }
}
