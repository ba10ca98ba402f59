package io.ferry.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare SIP client for the ITs' wire checks: writes requests byte for byte, and reads responses
 * into {@link Message}s whose headers the tests inspect (compact forms, RFC 3261 §7.3.3, are read
 * as their long names).
 */
final class SipWire {

    private static final Map<String, String> COMPACT = Map.of("v", "via", "f", "from", "t", "to", "i", "call-id",
            "m", "contact", "l", "content-length", "c", "content-type", "k", "supported", "s", "subject", "e", "content-encoding");

    private SipWire() {
    }

    /** One parsed SIP message (start line, headers in order, body). */
    record Message(String startLine, List<Map.Entry<String, String>> headers, String body) {

        /** The status code of a response; -1 for a request. */
        int status() {
            return startLine.startsWith("SIP/2.0 ") ? Integer.parseInt(startLine.substring(8, 11)) : -1;
        }

        /** Every value of {@code name} (case-insensitive, compact forms included), comma-joined lines kept whole. */
        List<String> all(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return headers.stream().filter(h -> h.getKey().equals(n)).map(Map.Entry::getValue).toList();
        }

        /** The first value of {@code name}. */
        Optional<String> header(String name) {
            return all(name).stream().findFirst();
        }

        /** The first value of {@code name}, or an AssertionError naming the message. */
        String required(String name) {
            return header(name).orElseThrow(() -> new AssertionError("no " + name + " in:\n" + this));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(startLine).append('\n');
            headers.forEach(h -> b.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
            return b.append('\n').append(body).toString();
        }
    }

    /** Parses one message (headers unfolded, names lower-cased and long). */
    static Message parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.replaceAll("\r\n[ \t]+", " ").split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                headers.add(Map.entry(COMPACT.getOrDefault(name, name), lines[i].substring(colon + 1).strip()));
            }
        }
        return new Message(lines[0], List.copyOf(headers), body);
    }

    /** The value of parameter {@code name} in a header value ({@code ;name=value}), if present. */
    static Optional<String> param(String headerValue, String name) {
        Matcher m = Pattern.compile(";\\s*" + Pattern.quote(name) + "(?:=([^;,>\\s]*))?", Pattern.CASE_INSENSITIVE).matcher(headerValue);
        return m.find() ? Optional.of(m.group(1) == null ? "" : m.group(1)) : Optional.empty();
    }

    static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static String token() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * A request as bytes on the wire: {@code headers} are whole lines ({@code "Via: ..."}) in order;
     * Content-Length is added from {@code body}.
     */
    static String request(String method, String requestUri, List<String> headers, String body) {
        StringBuilder b = new StringBuilder(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        headers.forEach(h -> b.append(h).append("\r\n"));
        return b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                .append(body).toString();
    }

    /**
     * The usual headers of an out-of-dialog request from this client: Via (with {@code branch}),
     * Max-Forwards, From (with {@code fromTag}), To, Call-ID, CSeq.
     */
    static List<String> headers(String transport, String sentBy, String branch, String from, String fromTag, String to,
                                String callId, int cseq, String method) {
        return List.of("Via: SIP/2.0/" + transport + " " + sentBy + ";branch=" + branch + ";rport",
                "Max-Forwards: 70",
                "From: " + from + ";tag=" + fromTag,
                "To: " + to,
                "Call-ID: " + callId,
                "CSeq: " + cseq + " " + method);
    }

    /** One request sent and its final response. */
    record Exchange(String method, String branch, String callId, String fromTag, Message response) {

        /**
         * The response echoes the request (RFC 3261 §8.2.6.2): our one Via with its branch (and
         * rport filled, RFC 3581 §4), Call-ID, From tag, CSeq; the To has a tag.
         */
        void assertEchoesRequest() {
            List<String> vias = response.all("via");
            if (vias.size() != 1 || !param(vias.get(0), "branch").orElse("").equals(branch)) {
                throw new AssertionError("Via with branch " + branch + " expected:\n" + response);
            }
            if (!param(vias.get(0), "rport").orElse("").matches("\\d+")) {
                throw new AssertionError("rport not filled (RFC 3581 §4):\n" + response);
            }
            if (!response.required("call-id").equals(callId) || !param(response.required("from"), "tag").orElse("").equals(fromTag)) {
                throw new AssertionError("Call-ID " + callId + " and From tag " + fromTag + " expected:\n" + response);
            }
            if (!response.required("cseq").replaceAll("\\s+", " ").equals("1 " + method)) {
                throw new AssertionError("CSeq 1 " + method + " expected:\n" + response);
            }
            if (param(response.required("to"), "tag").orElse("").isEmpty()) {
                throw new AssertionError("To tag expected (RFC 3261 §8.2.6.2):\n" + response);
            }
        }
    }

    /**
     * Sends one out-of-dialog request over {@code udp} to 127.0.0.1:port and waits for its final
     * response. {@code from} and {@code to} are name-addr values without tags.
     */
    static Exchange send(Udp udp, int port, String method, String requestUri, String from, String to, List<String> extra,
                         String contentType, String body) throws IOException {
        String branch = branch();
        String callId = method.toLowerCase(Locale.ROOT) + "-" + token() + "@it";
        String fromTag = token();
        List<String> headers = new ArrayList<>(headers("UDP", udp.sentBy(), branch, from, fromTag, to, callId, 1, method));
        headers.addAll(extra);
        if (!body.isEmpty()) {
            headers.add("Content-Type: " + contentType);
        }
        udp.send(request(method, requestUri, headers, body), port);
        return new Exchange(method, branch, callId, fromTag, udp.receiveFinal());
    }

    /** A UDP client socket on 127.0.0.1. */
    static final class Udp implements AutoCloseable {
        final DatagramSocket socket;

        Udp() throws IOException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(10_000);
        }

        int localPort() {
            return socket.getLocalPort();
        }

        String sentBy() {
            return "127.0.0.1:" + localPort();
        }

        void send(String message, int port) throws IOException {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        }

        /** The next datagram (a CRLF keep-alive is skipped). */
        Message receive() throws IOException {
            while (true) {
                DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
                socket.receive(in);
                String text = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    return parse(text);
                }
            }
        }

        /** The next final response, skipping provisional ones (and retransmissions of them). */
        Message receiveFinal() throws IOException {
            for (Message m = receive(); ; m = receive()) {
                if (m.status() >= 200) {
                    return m;
                }
            }
        }

        /** True when nothing arrives within {@code millis}. */
        boolean silentFor(int millis) throws IOException {
            int before = socket.getSoTimeout();
            socket.setSoTimeout(millis);
            try {
                receive();
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(before);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A TCP connection to 127.0.0.1:port. */
    static final class Tcp implements AutoCloseable {
        final Socket socket;
        private final InputStream in;

        Tcp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        String sentBy() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        void send(String message) throws IOException {
            socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** The next message, framed by Content-Length (RFC 3261 §18.3). */
        Message receive() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed after: " + head.toString(StandardCharsets.UTF_8));
                }
                head.write(c);
                String h = head.toString(StandardCharsets.UTF_8);
                if (h.equals("\r\n")) {
                    head.reset(); // keep-alive pong
                } else if (h.endsWith("\r\n\r\n")) {
                    Message m = parse(h);
                    int length = Integer.parseInt(m.header("content-length").orElse("0").strip());
                    byte[] body = in.readNBytes(length);
                    return parse(h + new String(body, StandardCharsets.UTF_8));
                }
            }
        }

        Message receiveFinal() throws IOException {
            for (Message m = receive(); ; m = receive()) {
                if (m.status() >= 200) {
                    return m;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
