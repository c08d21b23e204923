package dev.cloudgallery.testing.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.cloudgallery.testing.lambda.ApiGatewayEvents.Response;
import dev.cloudgallery.testing.lambda.LambdaRuntimeHarness.FunctionError;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda adapter driven through the real runtime interface client, as in a deployed image. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaAdapterTest {
    private LambdaRuntimeHarness harness;

    @BeforeAll
    void start() {
        harness = LambdaRuntimeHarness.start(EchoLambda.class.getName(), Map.of());
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void forwardsMethodTargetHeadersCookiesAndBody() {
        Response res = ApiGatewayEvents.request("PATCH", "/echo/a%20b/c")
                .query("x=1&y=a%20b&x=2")
                .header("content-type", "application/json")
                .header("x-custom", "one")
                .header("x-custom", "two")
                .cookie("a", "1")
                .cookie("b", "2")
                .body("{\"hello\":\"wörld\"}")
                .requestId("gateway-id-1")
                .invoke(harness);

        assertEquals(200, res.status());
        assertEquals("application/json", res.header("Content-Type"));
        assertFalse(res.base64(), "JSON travels as text");
        JsonObject echo = res.bodyJson();
        assertEquals("PATCH", echo.getString("method"));
        assertEquals("/echo/a%20b/c", echo.getString("path"));
        assertEquals("x=1&y=a%20b&x=2", echo.getString("query"));
        assertEquals("{\"hello\":\"wörld\"}", decode(echo.getString("body")));
        JsonObject headers = echo.getJsonObject("headers");
        assertEquals("one,two", headers.getString("x-custom"));
        assertEquals("a=1; b=2", headers.getString("cookie"));
        assertEquals(Json.createObjectBuilder().add("a", "1").add("b", "2").build(), echo.getJsonObject("cookies"));
        assertEquals("203.0.113.10", headers.getString("x-forwarded-for"));
        assertEquals("https", headers.getString("x-forwarded-proto"));
        assertEquals("gateway-id-1", headers.getString("x-request-id"));
        assertTrue(headers.getString("host").startsWith("127.0.0.1:"), "API Gateway's host is not forwarded");
        assertEquals(Integer.toString("{\"hello\":\"wörld\"}".getBytes(StandardCharsets.UTF_8).length),
                     headers.getString("content-length"));
    }

    @Test
    void keepsTheClientsRequestIdAndEndsForwardedForWithTheSourceIp() {
        JsonObject headers = ApiGatewayEvents.request("GET", "/echo")
                .header("x-request-id", "client-id-7")
                .header("x-forwarded-for", "198.51.100.7")
                .sourceIp("203.0.113.99")
                .invoke(harness)
                .bodyJson()
                .getJsonObject("headers");

        assertEquals("client-id-7", headers.getString("x-request-id"));
        assertEquals("198.51.100.7, 203.0.113.99", headers.getString("x-forwarded-for"));
    }

    @Test
    void escapesWhatClientsSendUnencoded() {
        JsonObject echo = ApiGatewayEvents.request("GET", "/echo/a b|ü")
                .query("q=cats|dogs&done=100%")
                .invoke(harness)
                .bodyJson();

        assertEquals("/echo/a%20b%7C%C3%BC", echo.getString("path"));
        assertEquals("q=cats%7Cdogs&done=100%25", echo.getString("query"));
    }

    @Test
    void carriesBinaryBodiesAsBase64BothWays() {
        Response echoed = ApiGatewayEvents.request("PUT", "/echo")
                .header("content-type", "application/octet-stream")
                .body(EchoService.allBytes())
                .invoke(harness);
        assertArrayEquals(EchoService.allBytes(), Base64.getDecoder().decode(echoed.bodyJson().getString("body")));

        Response binary = ApiGatewayEvents.request("GET", "/binary").invoke(harness);
        assertEquals(200, binary.status());
        assertTrue(binary.base64());
        assertEquals("application/octet-stream", binary.header("content-type"));
        assertArrayEquals(EchoService.allBytes(), binary.bodyBytes());
    }

    @Test
    void sendsTextInAnotherCharsetAsBytes() {
        Response res = ApiGatewayEvents.request("GET", "/latin1").invoke(harness);

        assertTrue(res.base64(), "API Gateway would re-encode a plain body as UTF-8");
        assertEquals("café", new String(res.bodyBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void returnsEachSetCookieInCookies() {
        Response res = ApiGatewayEvents.request("GET", "/cookies").invoke(harness);

        assertEquals(201, res.status());
        assertEquals("two cookies", res.bodyText());
        assertFalse(res.base64());
        assertNull(res.header("set-cookie"));
        List<String> cookies = res.cookies();
        assertEquals(2, cookies.size(), cookies::toString);
        assertTrue(cookies.get(0).startsWith("session=s1") && cookies.get(0).contains("HttpOnly"), cookies::toString);
        assertTrue(cookies.get(1).startsWith("theme=dark"), cookies::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 400, 404, 409, 503})
    void passesStatusCodesOn(int status) {
        Response res = ApiGatewayEvents.request("GET", "/status/" + status).invoke(harness);

        assertEquals(status, res.status());
        assertEquals("", res.bodyText());
    }

    @Test
    void readsAnAnswerSentInChunks() {
        Response res = ApiGatewayEvents.request("GET", "/stream/100").invoke(harness);

        assertEquals(200, res.status());
        assertNull(res.header("transfer-encoding"), "the hop's framing is not the function's answer");
        byte[] body = res.bodyBytes();
        assertEquals(100 * 1024, body.length);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(EchoService.kibibyte(i), Arrays.copyOfRange(body, i * 1024, (i + 1) * 1024));
        }
        assertEquals(204, ApiGatewayEvents.request("GET", "/status/204").invoke(harness).status(),
                     "the connection is still in step after a chunked answer");
    }

    @Test
    void answersAHeadRequestWithHeadersOnly() {
        Response res = ApiGatewayEvents.request("HEAD", "/echo").invoke(harness);

        assertEquals(200, res.status());
        assertEquals("application/json", res.header("content-type"));
        assertEquals("", res.bodyText());
        assertEquals("GET", ApiGatewayEvents.request("GET", "/echo").invoke(harness).bodyJson().getString("method"),
                     "the connection is still in step after a head request");
    }

    @Test
    void refusesAHeaderThatWouldSplitTheRequest() {
        FunctionError error = assertThrows(FunctionError.class, () -> ApiGatewayEvents.request("GET", "/echo")
                .header("x-evil", "a\r\nx-injected: 1").invoke(harness));

        assertEquals("java.lang.IllegalArgumentException", error.errorType());
        assertEquals(204, ApiGatewayEvents.request("GET", "/status/204").invoke(harness).status());
    }

    @Test
    void answersAnUnknownRouteFromTheService() {
        assertEquals(404, ApiGatewayEvents.request("GET", "/nowhere").invoke(harness).status());
    }

    @Test
    void handsSqsBatchesToTheSqsHandler() {
        JsonObject answer = harness.invoke(SqsEvents.batch("ok", "fail", "ok"));

        assertEquals(Json.createObjectBuilder()
                             .add("batchItemFailures", Json.createArrayBuilder()
                                     .add(Json.createObjectBuilder().add("itemIdentifier", "message-2")))
                             .build(),
                     answer);
    }

    @Test
    void failsAnUnknownEventAndKeepsServing() {
        JsonObject unknown = Json.createObjectBuilder().add("hello", "world").build();
        FunctionError error = assertThrows(FunctionError.class, () -> harness.invoke(unknown));

        assertEquals("java.lang.IllegalArgumentException", error.errorType());
        assertTrue(error.errorMessage().contains("Unsupported event"), error::getMessage);
        assertEquals(204, ApiGatewayEvents.request("GET", "/status/204").invoke(harness).status());
    }

    @Test
    void givesUpOnASlowInvocationAndServesTheNextOne() {
        IllegalStateException slow = assertThrows(IllegalStateException.class, () -> harness.invoke(
                ApiGatewayEvents.request("GET", "/sleep/1500").build(), Duration.ofMillis(300)));

        assertTrue(slow.getMessage().contains("No answer"), slow::getMessage);
        assertEquals(204, ApiGatewayEvents.request("GET", "/status/204").invoke(harness).status());
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
