package dev.parley.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An HTTP request whose body arrives in two parts, straight to one service: between the parts the request is in
 * flight on the server, which is when a test can tell the service to stop.
 */
public final class SlowRequest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final byte[] rest;

    private SlowRequest(Socket socket, byte[] rest) {
        this.socket = socket;
        this.rest = rest;
    }

    /** Sends the request line, the headers and the first half of the JSON body; the rest waits for finish(). */
    public static SlowRequest begin(int port, String path, String accessToken, Object body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        int half = json.length / 2;
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + (accessToken == null ? "" : "Authorization: Bearer " + accessToken + "\r\n")
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(json, 0, half);
        out.flush();
        byte[] rest = new byte[json.length - half];
        System.arraycopy(json, half, rest, 0, rest.length);
        return new SlowRequest(socket, rest);
    }

    /** The answer to a finished request. */
    public record Answer(int status, JsonNode body) {
    }

    /** Sends the rest of the body and reads the whole answer. */
    public Answer finish() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(rest);
        out.flush();
        InputStream in = socket.getInputStream();
        String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (response.isEmpty()) {
            throw new IOException("the connection was closed without an answer");
        }
        int status = Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (response.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
