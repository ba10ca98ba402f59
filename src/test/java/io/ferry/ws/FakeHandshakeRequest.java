package io.ferry.ws;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A handshake request built in tests. */
final class FakeHandshakeRequest implements HandshakeRequestView {

    private final Map<String, List<String>> headers = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> cookies = new HashMap<>();
    private InetSocketAddress peer = new InetSocketAddress("192.0.2.10", 40000);

    static FakeHandshakeRequest sip() {
        return new FakeHandshakeRequest().header("Sec-WebSocket-Protocol", "sip").header("Host", "ferry.example.com");
    }

    FakeHandshakeRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    FakeHandshakeRequest withoutHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    FakeHandshakeRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    FakeHandshakeRequest cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    FakeHandshakeRequest from(String ip, int port) {
        peer = new InetSocketAddress(ip, port);
        return this;
    }

    @Override
    public InetSocketAddress socketPeer() {
        return peer;
    }

    @Override
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    @Override
    public String path() {
        return "/sip";
    }
}
