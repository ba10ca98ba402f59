package io.ferry.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of the Origin allow-list (RFC 6454 serialized origins): an exact origin
 * ({@code https://app.example.com}, default ports omitted), a wildcard host
 * ({@code https://*.example.com}: any subdomain, not the apex), any port
 * ({@code http://localhost:*}), {@code *} for any origin, or {@code same-origin} (the Origin's
 * host and port equal the request's Host).
 */
public record OriginPattern(String text) {

    public OriginPattern {
        text = text.strip();
        if (!text.equals("*") && !text.equals("same-origin") && parse(text.replace("*.", "wildcard.").replace(":*", "")).isEmpty()) {
            throw new IllegalArgumentException("not an origin pattern: " + text);
        }
    }

    private record Origin(String scheme, String host, int port) {}

    public boolean matches(String origin, Optional<String> hostHeader) {
        if (text.equals("*")) {
            return true;
        }
        Optional<Origin> o = parse(origin);
        if (o.isEmpty()) {
            return false;
        }
        if (text.equals("same-origin")) {
            return hostHeader.map(h -> sameHost(o.get(), h)).orElse(false);
        }
        boolean anyPort = text.endsWith(":*");
        String base = anyPort ? text.substring(0, text.length() - 2) : text;
        boolean wildcard = base.contains("://*.");
        Optional<Origin> p = parse(wildcard ? base.replace("://*.", "://wildcard.") : base);
        if (p.isEmpty() || !p.get().scheme().equals(o.get().scheme())) {
            return false;
        }
        if (!anyPort && p.get().port() != o.get().port()) {
            return false;
        }
        if (wildcard) {
            String suffix = p.get().host().substring("wildcard".length());   // ".example.com"
            return o.get().host().endsWith(suffix) && o.get().host().length() > suffix.length();
        }
        return p.get().host().equals(o.get().host());
    }

    private static boolean sameHost(Origin origin, String hostHeader) {
        Optional<Origin> host = parse(origin.scheme() + "://" + hostHeader.strip());
        return host.isPresent() && host.get().host().equals(origin.host()) && host.get().port() == origin.port();
    }

    private static Optional<Origin> parse(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) {
                port = switch (scheme) {
                    case "https", "wss" -> 443;
                    case "http", "ws" -> 80;
                    default -> -1;
                };
            }
            return Optional.of(new Origin(scheme, host.toLowerCase(Locale.ROOT), port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
