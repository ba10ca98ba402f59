package io.ferry.sip;

import java.util.OptionalInt;

/**
 * One Via value (RFC 3261 §20.42): {@code SIP/2.0/UDP host:port;params}. Parameters keep their
 * order and raw values; {@code rport} may be present without a value (RFC 3581).
 *
 * @param protocolName    {@code SIP} as written
 * @param protocolVersion {@code 2.0} as written
 * @param transport       {@code UDP}, {@code TCP}, {@code TLS}, {@code WS}, {@code WSS}... as written
 * @param host            sent-by host as written (IPv6 in brackets)
 * @param port            sent-by port, or -1
 * @param params          via-params
 */
public record Via(String protocolName, String protocolVersion, String transport, String host, int port,
                  Parameters params) {

    private static final String RULE = "RFC 3261 §20.42 Via";

    public Via {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("Via without host");
        if (port < -1 || port > 65535) throw new IllegalArgumentException("bad port " + port);
        if (params == null) params = Parameters.empty();
    }

    /** {@code SIP/2.0/<transport> host[:port];branch=<branch>}. */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP", "2.0", transport, host, port, Parameters.empty().with("branch", branch));
    }

    /** Parses one Via value (not a comma-separated list). */
    public static Via parse(String value) throws SipParseException {
        return parse(value, -1);
    }

    static Via parse(String value, int base) throws SipParseException {
        return parse(value, 0, value.length(), base);
    }

    /** Parses {@code value[from, to)}; error offsets are {@code base} plus the index in {@code value}. */
    static Via parse(String value, int from, int to, int base) throws SipParseException {
        ValueScanner sc = new ValueScanner(value, from, to, base, "Bad Via", RULE);
        sc.skipWs();
        String name = sc.token("protocol-name");
        if (!sc.skipWsAnd('/')) throw sc.error("expected '/'");
        String version = sc.token("protocol-version");
        if (!sc.skipWsAnd('/')) throw sc.error("expected '/'");
        String transport = sc.token("transport");
        int before = sc.pos;
        sc.skipWs();
        if (sc.pos == before) throw sc.error("expected LWS before sent-by");
        int hs = sc.pos;
        if (sc.peek() == '[') {
            int close = SipChars.indexOf(value, ']', hs, to);
            if (close < 0 || !SipUri.isIpv6(value, hs + 1, close)) throw sc.error("bad IPv6 reference");
            sc.pos = close + 1;
        } else {
            while (!sc.atEnd() && SipChars.isHostChar(sc.peek())) sc.pos++;
            if (sc.pos == hs) throw sc.error("expected sent-by host");
        }
        String host = value.substring(hs, sc.pos);
        int port = -1;
        if (sc.skipWsAnd(':')) {
            int ps = sc.pos;
            int v = 0;
            while (!sc.atEnd() && SipChars.isDigit(sc.peek()) && sc.pos - ps < 6) v = v * 10 + (value.charAt(sc.pos++) - '0');
            if (sc.pos == ps || v > 65535) throw sc.error("bad port");
            port = v;
        }
        Parameters params = Parameters.parse(sc);
        sc.skipWs();
        // RFC 2543 comments after a Via are not allowed by RFC 3261's grammar
        if (!sc.atEnd()) throw sc.error("unexpected character");
        return new Via(name, version, transport, host, port, params);
    }

    /** {@code SIP/2.0}. */
    public String protocol() {
        return protocolName + "/" + protocolVersion;
    }

    /** {@code host[:port]}. */
    public String sentBy() {
        return port < 0 ? host : host + ":" + port;
    }

    /** The {@code branch} parameter, or {@code null}. */
    public String branch() {
        return params.value("branch");
    }

    /** The {@code received} parameter, or {@code null}. */
    public String received() {
        return params.value("received");
    }

    /** The {@code maddr} parameter, or {@code null}. */
    public String maddr() {
        return params.value("maddr");
    }

    /** RFC 3581: true when {@code rport} is present, with or without a value. */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** RFC 3581: the value of {@code rport}, empty when absent or without a value (or malformed). */
    public OptionalInt rport() {
        String v = params.value("rport");
        if (v == null || v.isEmpty() || v.length() > 5) return OptionalInt.empty();
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!SipChars.isDigit(c)) return OptionalInt.empty();
            n = n * 10 + c - '0';
        }
        return n <= 65535 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    /** RFC 3261 §18.2.1: a copy with {@code received} set to the source address. */
    public Via withReceived(String address) {
        return new Via(protocolName, protocolVersion, transport, host, port, params.with("received", address));
    }

    /** RFC 3581 §4: a copy with {@code rport} set to the source port. */
    public Via withRport(int sourcePort) {
        return new Via(protocolName, protocolVersion, transport, host, port, params.with("rport", Integer.toString(sourcePort)));
    }

    /** A copy with a parameter set ({@code null} value for a flag). */
    public Via withParam(String name, String value) {
        return new Via(protocolName, protocolVersion, transport, host, port, params.with(name, value));
    }

    public Via withoutParam(String name) {
        return new Via(protocolName, protocolVersion, transport, host, port, params.without(name));
    }

    /** {@code SIP/2.0/UDP host:port;params}, parameters as written. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion)
                .append('/').append(transport).append(' ').append(host);
        if (port >= 0) sb.append(':').append(port);
        params.appendTo(sb);
        return sb.toString();
    }
}
