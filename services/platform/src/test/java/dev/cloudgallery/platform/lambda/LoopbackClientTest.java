package dev.cloudgallery.platform.lambda;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The loopback client against a peer that misbehaves on purpose, in ways Helidon does only now and then: closing a
 * kept-alive connection unannounced, or in the middle of a body. (LambdaAdapterTest runs the client against Helidon
 * itself, through the real runtime client.)
 * A client that reused a connection it should not have would wait forever for an answer, hence the time-out, on a
 * thread of its own: a socket read does not end when the test's thread is interrupted.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopbackClientTest {
    private final ServerSocket server = serverSocket();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final LoopbackClient client = new LoopbackClient(server.getLocalPort(), Duration.ofMinutes(1));

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void sendsARequestAgainWhenAKeptConnectionTurnsOutClosed() throws IOException {
        // The first connection answers once, as if to be kept, then closes; the second answers everything.
        serve("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfirst", true);

        assertEquals("first", text(client.send("GET", "/one", Map.of(), new byte[0])));
        serve("HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nsecond", false);
        assertEquals("second", text(client.send("POST", "/two", Map.of(), "x".getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of("GET /one HTTP/1.1", "POST /two HTTP/1.1"), requestLines);
    }

    @Test
    void sendsARequestAtMostTwice() throws IOException {
        serve("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfirst", true);
        assertEquals("first", text(client.send("GET", "/one", Map.of(), new byte[0])));
        // Closed unanswered: the kept connection, then the new one the request goes out on again. A third attempt
        // would connect (the backlog takes it) and wait for an answer until the time-out.
        serve(null, true);

        assertThrows(EOFException.class, () -> client.send("GET", "/two", Map.of(), new byte[0]));
        assertEquals(List.of("GET /one HTTP/1.1", "GET /two HTTP/1.1"), requestLines,
                     "a request that failed on a new connection is not sent again");
    }

    @Test
    void failsAnAnswerCutShortAndStartsAfreshAfterIt() throws IOException {
        serve("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly part", true);

        assertThrows(EOFException.class, () -> client.send("GET", "/cut", Map.of(), new byte[0]));
        serve("HTTP/1.1 204 No Content\r\n\r\n", false);
        assertEquals(204, client.send("GET", "/next", Map.of(), new byte[0]).status());
        assertEquals(List.of("GET /cut HTTP/1.1", "GET /next HTTP/1.1"), requestLines);
    }

    @Test
    void readsEveryConnectionOption() throws IOException {
        serve("HTTP/1.1 200 OK\r\nconnection: keep-alive\r\nconnection: Upgrade, CLOSE\r\ncontent-length: 2\r\n\r\nok",
              false);
        assertEquals("ok", text(client.send("GET", "/a", Map.of(), new byte[0])));
        serve("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok", false);

        assertEquals("ok", text(client.send("GET", "/b", Map.of(), new byte[0])),
                     "a connection the server said it would close is not used again");
    }

    @Test
    void refusesHeaderValuesTheJdkClientRefused() {
        for (String value : List.of("a\r\nx-injected: 1", "\u0001", "\u007f", "\u20ac")) {
            assertThrows(IllegalArgumentException.class,
                         () -> client.send("GET", "/", Map.of("x-value", value), new byte[0]), value);
        }
        assertThrows(IllegalArgumentException.class,
                     () -> client.send("GET", "/", Map.of("x value", "a"), new byte[0]));
        assertEquals(List.of(), requestLines, "nothing was sent");
    }

    /**
     * Accepts one connection; reads one request from it and answers (unless the answer is null); then closes it or
     * leaves it open.
     */
    private void serve(String answer, boolean closeAfterAnswer) {
        Thread.ofVirtual().start(() -> {
            try {
                Socket connection = server.accept();
                BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                                                                                 StandardCharsets.ISO_8859_1));
                requestLines.add(reader.readLine());
                int length = 0;
                for (String line = reader.readLine(); !line.isEmpty(); line = reader.readLine()) {
                    if (line.startsWith("content-length: ")) {
                        length = Integer.parseInt(line.substring("content-length: ".length()));
                    }
                }
                reader.skip(length);
                if (answer != null) {
                    OutputStream out = connection.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (closeAfterAnswer) {
                    connection.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String text(LoopbackClient.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static ServerSocket serverSocket() {
        try {
            return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
