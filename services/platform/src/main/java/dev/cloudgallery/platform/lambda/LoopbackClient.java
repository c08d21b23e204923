package dev.cloudgallery.platform.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/1.1 client of the Lambda adapter's loopback hop: one keep-alive connection to the service's own server, on
 * a blocking socket. The runtime client hands a function one event at a time, so one connection serves every request.
 * The JDK's HTTP client did this before; its first request set up TLS, a selector thread and its asynchronous
 * plumbing, some 50 ms of every cold start, for a peer that speaks plain HTTP/1.1 on the same machine.
 * <p>
 * Lambda freezes the whole process between invocations, the server's idle-connection timer with it; after a long
 * freeze that timer and the next request wake together, and the server may close the connection under the request.
 * So the connection is reused only after a pause shorter than half the server's idle timeout; after a longer one the
 * request goes out on a new connection. Should a reused connection still turn out closed before any byte of an answer
 * came (Helidon closes one, unannounced, after a request whose body it could not consume), the request is sent once
 * more on a new one: a server that read it would have answered it, or the function is gone with it.
 */
final class LoopbackClient {
    private static final int MAX_LINE = 64 * 1024;

    private final int port;
    private final long reuseNanos;
    private Socket socket;
    private InputStream in;
    private long lastAnswer;
    /** Whether the answer being read has begun: until then a reused connection that fails can be replaced. */
    private boolean answering;

    LoopbackClient(int port, Duration reuseLimit) {
        this.port = port;
        this.reuseNanos = reuseLimit.toNanos();
    }

    /** An answer: its status, its header fields in order (names in lower case) and its body. */
    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        String header(String name) {
            return first(headers, name);
        }
    }

    /**
     * Sends a request and reads its whole answer.
     *
     * @param target  the request target, already escaped: path and query
     * @param headers header fields to send besides {@code Host} and {@code Content-Length}
     */
    synchronized Response send(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        validate(headers);
        try {
            while (true) {
                boolean reused = connect();
                answering = false;
                try {
                    write(method, target, headers, body);
                    return read(method);
                } catch (IOException | RuntimeException e) {
                    // Whatever is left of the answer on it would be read as the next one's.
                    close();
                    // A new connection is never reused, so this goes round at most once more.
                    if (!reused || answering || e instanceof RuntimeException) {
                        throw e;
                    }
                }
            }
        } finally {
            lastAnswer = System.nanoTime();
        }
    }

    /** Opens a connection unless one can be reused; whether one was. */
    private boolean connect() throws IOException {
        if (socket != null && System.nanoTime() - lastAnswer > reuseNanos) {
            close();
        }
        if (socket != null) {
            return true;
        }
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        return false;
    }

    /**
     * What API Gateway passes on can hold none of what is refused here; should something else, the request must not
     * split or change on the way. The same rules as the JDK's HTTP client: a token as name, a value of tabs and
     * visible ISO-8859-1 characters.
     */
    private static void validate(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!isToken(name) || !value.chars().allMatch(c -> c == '\t' || c >= ' ' && c != 0x7f && c <= 0xff)) {
                throw new IllegalArgumentException("Invalid header field: " + name);
            }
        });
    }

    private void write(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            head.append("content-length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body.length == 0) {
            out.write(headBytes);
        } else {
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            out.write(request);
        }
        out.flush();
    }

    private Response read(String method) throws IOException {
        int status;
        List<Map.Entry<String, String>> headers;
        do {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("Not an HTTP/1.1 status line from the service: " + statusLine);
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            headers = headerFields();
        } while (status >= 100 && status < 200);
        boolean lastAnswer = headers.stream().filter(field -> field.getKey().equals("connection"))
                .flatMap(field -> Arrays.stream(field.getValue().split(",")))
                .anyMatch(option -> option.strip().equalsIgnoreCase("close"));
        Response response = new Response(status, headers, body(method, status, headers));
        if (lastAnswer) {
            close();
        }
        return response;
    }

    private List<Map.Entry<String, String>> headerFields() throws IOException {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("Malformed header field from the service: " + line);
            }
            fields.add(Map.entry(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                                 line.substring(colon + 1).strip()));
        }
        return fields;
    }

    private byte[] body(String method, int status, List<Map.Entry<String, String>> fields) throws IOException {
        if (method.equals("HEAD")) {
            // Helidon sends a route's body after the head anyway (4.1): whatever follows is not the next answer.
            close();
            return new byte[0];
        }
        if (status == 204 || status == 304) {
            return new byte[0];
        }
        if (first(fields, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked();
        }
        String length = first(fields, "content-length");
        if (!length.isEmpty()) {
            return exactly(Math.toIntExact(Long.parseLong(length)));
        }
        // No length: the body ends with the connection, which can't carry another request.
        byte[] rest = in.readAllBytes();
        close();
        return rest;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension >= 0 ? size.substring(0, extension) : size).strip(), 16);
            if (length == 0) {
                // Trailer fields, if any, up to the empty line: an API Gateway answer has no place for them.
                headerFields();
                return body.toByteArray();
            }
            body.write(exactly(length));
            line();
        }
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("The service closed the connection inside an answer's body");
        }
        return bytes;
    }

    /** A line up to CRLF (or a bare LF), without it; ISO-8859-1 as HTTP/1.1 header bytes are. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The service closed the connection mid-answer");
            }
            answering = true;
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("A line of the service's answer is over " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** The first value of a header field, or empty. */
    private static String first(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream().filter(field -> field.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                .orElse("");
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a connection that is already gone.
            }
        }
        socket = null;
        in = null;
    }
}
