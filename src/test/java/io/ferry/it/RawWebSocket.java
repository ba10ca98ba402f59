package io.ferry.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written at the byte level (RFC 6455), for the cases a library client will
 * not produce: any handshake header, no pong, hand-made fragments, garbage frames.
 */
final class RawWebSocket implements AutoCloseable {

    /** A frame as read: opcode, FIN bit and payload. */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final String body;

    private RawWebSocket(Socket socket, int status, String body) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.status = status;
        this.body = body;
    }

    /** Sends a handshake for {@code path} with {@code extraHeaders} (name → value; a null value omits a default header). */
    static RawWebSocket connect(int port, String path, Map<String, String> extraHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return connect(socket, port, path, extraHeaders);
    }

    /** The handshake over an already connected socket (a TLS socket for wss://). */
    static RawWebSocket connect(Socket socket, int port, String path, Map<String, String> extraHeaders) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Upgrade", "websocket");
        h.put("Connection", "Upgrade");
        h.put("Sec-WebSocket-Version", "13");
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        h.put("Sec-WebSocket-Key", java.util.Base64.getEncoder().encodeToString(nonce));
        h.put("Sec-WebSocket-Protocol", "sip");
        h.putAll(extraHeaders);
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        h.forEach((k, v) -> {
            if (v != null) {
                req.append(k).append(": ").append(v).append("\r\n");
            }
        });
        req.append("\r\n");
        socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> respHeaders = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                respHeaders.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
        }
        String body = "";
        if (status != 101) {
            int length = Integer.parseInt(respHeaders.getOrDefault("content-length", "-1"));
            body = length >= 0 ? new String(in.readNBytes(length), StandardCharsets.UTF_8) : readAvailable(in);
        }
        RawWebSocket ws = new RawWebSocket(socket, status, body);
        ws.headers.putAll(respHeaders);
        return ws;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed during the handshake response: " + b);
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readAvailable(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                b.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // the server keeps the connection open: what arrived is the body
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Sends one frame, masked as a client must (RFC 6455 §5.3). */
    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            f.write(0x80 | n);
        } else if (n < 65536) {
            f.write(0x80 | 126);
            f.write(n >> 8);
            f.write(n);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) n >> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < n; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    void sendText(String text) throws IOException {
        send(0x1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the next frame; throws SocketTimeoutException when none comes in time. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new IOException("connection closed");
        }
        int b1 = in.read();
        long n = b1 & 0x7f;
        if (n == 126) {
            n = (in.read() << 8) | in.read();
        } else if (n == 127) {
            n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | in.read();
            }
        }
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, in.readNBytes((int) n));
    }

    /** Reads frames until one that is not a ping (pings are not answered: this client plays dead when asked). */
    Frame readSkippingPings() throws IOException {
        for (;;) {
            Frame f = read();
            if (f.opcode() != 0x9) {
                return f;
            }
        }
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
