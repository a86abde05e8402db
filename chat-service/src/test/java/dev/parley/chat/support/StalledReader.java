package dev.parley.chat.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client of {@code /v1/stream} that upgrades by hand and then reads nothing, as a stalled device would, until a
 * test asks how its stream ended. Its receive buffer is small, so the server's queue fills soon.
 */
public final class StalledReader implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    private StalledReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes the upgrade; fails unless the server answers 101. */
    public static StalledReader connect(int port, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String upgrade = "GET /v1/stream HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        StalledReader reader = new StalledReader(socket);
        String head = reader.responseHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + head);
        }
        return reader;
    }

    /**
     * Reads everything the server sent until its close frame, answering {@code "<code> <reason>"}; {@code "end"} when
     * the connection ended without one, null when it is still open after the timeout.
     */
    public String readUntilClose(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0f;
                byte[] payload = new byte[(int) payloadLength()];
                in.readFully(payload);
                if (opcode == 8) {
                    int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                    return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return null;
        } catch (EOFException | SocketException ended) {
            return "end";
        }
    }

    private long payloadLength() throws IOException {
        int length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            return in.readUnsignedShort();
        }
        return length == 127 ? in.readLong() : length;
    }

    private String responseHead() throws IOException {
        InputStream raw = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = raw.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
