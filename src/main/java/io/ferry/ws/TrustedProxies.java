package io.ferry.ws;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the real client behind configured reverse proxies: the socket peer, unless it is a
 * trusted proxy, in which case the right-most untrusted address of {@code Forwarded} (RFC 7239)
 * or {@code X-Forwarded-For}. Headers from untrusted peers are ignored, so a client cannot forge
 * its address.
 */
public final class TrustedProxies {

    private record Cidr(byte[] network, int bits) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> proxies;

    /** @param entries IP addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}); literal addresses only */
    public TrustedProxies(List<String> entries) {
        this.proxies = entries.stream().map(TrustedProxies::cidr).toList();
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    public boolean trusted(InetAddress a) {
        return proxies.stream().anyMatch(c -> c.contains(a));
    }

    /** The client address for a request from {@code peer} with the given forwarding headers. */
    public InetSocketAddress client(InetSocketAddress peer, List<String> forwarded, List<String> xForwardedFor) {
        if (proxies.isEmpty() || !trusted(peer.getAddress())) {
            return peer;
        }
        List<String> chain = !forwarded.isEmpty() ? forwardedFor(forwarded) : split(xForwardedFor);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetSocketAddress> hop = address(chain.get(i));
            if (hop.isEmpty()) {
                return peer;   // an obfuscated or broken hop: stop trusting the chain
            }
            if (!trusted(hop.get().getAddress()) || i == 0) {
                // a hop without a port keeps the connection's port: rport must name a real port
                return hop.get().getPort() == 0 ? new InetSocketAddress(hop.get().getAddress(), peer.getPort()) : hop.get();
            }
        }
        return peer;
    }

    private static List<String> split(List<String> values) {
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** RFC 7239 §4: the {@code for=} parameter of each forwarded-element, in order. */
    private static List<String> forwardedFor(List<String> values) {
        return split(values).stream()
                .flatMap(element -> java.util.Arrays.stream(element.split(";")))
                .map(String::strip)
                .filter(pair -> pair.toLowerCase(Locale.ROOT).startsWith("for="))
                .map(pair -> pair.substring(4).replace("\"", ""))
                .toList();
    }

    private static Optional<InetSocketAddress> address(String hop) {
        String host = hop;
        int port = 0;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            if (host.length() > close + 2 && host.charAt(close + 1) == ':') {
                port = parsePort(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = parsePort(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        if (!isLiteral(host) || port < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Only IP literals: a name here would mean a DNS lookup on the handshake path. */
    private static boolean isLiteral(String host) {
        return !host.isEmpty() && (host.contains(":") ? host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                : host.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    }

    private static Cidr cidr(String entry) {
        String e = entry.strip();
        int slash = e.indexOf('/');
        String host = slash < 0 ? e : e.substring(0, slash);
        if (!isLiteral(host)) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(e.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + entry);
            }
            return new Cidr(address, bits);
        } catch (UnknownHostException | NumberFormatException ex) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + entry, ex);
        }
    }
}
