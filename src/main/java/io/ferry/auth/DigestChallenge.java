package io.ferry.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Digest challenge, the value of a {@code WWW-Authenticate} or {@code Proxy-Authenticate}
 * header (RFC 7616 §3.3, RFC 3261 §22.4) or of an MSRP {@code WWW-Authenticate} (RFC 4976 §7.1).
 * A server offering several algorithms sends one challenge per algorithm (RFC 8760 §2.3).
 *
 * @param realm      {@code realm}
 * @param domain     {@code domain} URIs; empty when absent
 * @param nonce      {@code nonce}
 * @param opaque     {@code opaque}
 * @param stale      {@code stale=true}: the nonce was stale but the credentials were right
 * @param algorithm  {@code algorithm} token; absent means MD5
 * @param qop        {@code qop} options in order, e.g. {@code auth}; empty when absent
 * @param extensions other auth-params, e.g. {@code charset} or {@code userhash}
 */
public record DigestChallenge(
        String realm,
        List<String> domain,
        String nonce,
        Optional<String> opaque,
        boolean stale,
        Optional<String> algorithm,
        List<String> qop,
        List<AuthParam> extensions) {

    private static final Set<String> KNOWN = Set.of("realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop");

    public DigestChallenge {
        DigestSyntax.requireValue("realm", realm);
        DigestSyntax.requireValue("nonce", nonce);
        opaque.ifPresent(v -> DigestSyntax.requireValue("opaque", v));
        algorithm.ifPresent(v -> DigestSyntax.requireValue("algorithm", v));
        domain = List.copyOf(domain);
        for (String d : domain) {
            DigestSyntax.requireValue("domain", d);
            if (d.isEmpty() || d.indexOf(' ') >= 0 || d.indexOf('\t') >= 0) {
                throw new IllegalArgumentException("domain URIs are non-empty and without whitespace");
            }
        }
        qop = List.copyOf(qop);
        for (String q : qop) {
            if (!DigestSyntax.isToken(q)) {
                throw new IllegalArgumentException("qop option is not a token: " + q);
            }
        }
        extensions = List.copyOf(extensions);
        for (AuthParam p : extensions) {
            if (KNOWN.contains(p.key())) {
                throw new IllegalArgumentException("extension repeats a known parameter: " + p.name());
            }
        }
    }

    /** Parses a header value with the default limits; see {@link DigestHeaderParser}. */
    public static DigestChallenge parse(String headerValue) throws DigestParseException {
        return new DigestHeaderParser().parseChallenge(headerValue);
    }

    /** A builder for a challenge with the given realm and nonce. */
    public static Builder builder(String realm, String nonce) {
        return new Builder(realm, nonce);
    }

    /** The algorithm: MD5 when absent (RFC 7616 §3.3), empty when Ferry does not implement it. */
    public Optional<DigestAlgorithm> digestAlgorithm() {
        return algorithm.isEmpty() ? Optional.of(DigestAlgorithm.MD5) : DigestAlgorithm.fromToken(algorithm.get());
    }

    /** A copy with another nonce. */
    public DigestChallenge withNonce(String newNonce) {
        return new DigestChallenge(realm, domain, newNonce, opaque, stale, algorithm, qop, extensions);
    }

    /** A copy with {@code stale} set or cleared. */
    public DigestChallenge withStale(boolean newStale) {
        return new DigestChallenge(realm, domain, nonce, opaque, newStale, algorithm, qop, extensions);
    }

    /**
     * The header value, e.g. {@code Digest realm="atlanta.com", nonce="…", algorithm=SHA-256,
     * qop="auth"}. {@code stale} is written only when true.
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(192).append(DigestHeaderParser.SCHEME).append(' ');
        DigestSyntax.appendQuotedParam(sb, "realm", realm);
        if (!domain.isEmpty()) {
            DigestSyntax.appendQuotedParam(sb.append(", "), "domain", String.join(" ", domain));
        }
        DigestSyntax.appendQuotedParam(sb.append(", "), "nonce", nonce);
        opaque.ifPresent(v -> DigestSyntax.appendQuotedParam(sb.append(", "), "opaque", v));
        if (stale) {
            sb.append(", stale=true");
        }
        algorithm.ifPresent(v -> DigestSyntax.appendTokenOrQuoted(sb.append(", "), "algorithm", v));
        if (!qop.isEmpty()) {
            // RFC 7616 §3.3: qop is a quoted list even when it has one option.
            DigestSyntax.appendQuotedParam(sb.append(", "), "qop", String.join(",", qop));
        }
        for (AuthParam p : extensions) {
            sb.append(", ").append(p.toHeaderText());
        }
        return sb.toString();
    }

    static DigestChallenge from(List<DigestHeaderParser.Located> params, int end) throws DigestParseException {
        String realm = null;
        String nonce = null;
        String opaque = null;
        String algorithm = null;
        boolean stale = false;
        List<String> domain = List.of();
        List<String> qop = List.of();
        List<AuthParam> extensions = new ArrayList<>();
        for (DigestHeaderParser.Located located : params) {
            AuthParam p = located.param();
            String v = p.value();
            switch (p.key()) {
                case "realm" -> realm = v;
                case "nonce" -> nonce = v;
                case "opaque" -> opaque = v;
                case "algorithm" -> algorithm = v;
                // RFC 7616 §3.3: any value but "true" (case-insensitive) means false.
                case "stale" -> stale = v.equalsIgnoreCase("true");
                case "domain" -> domain = split(v, " \t", located.offset(), false);
                case "qop" -> qop = split(v, ",", located.offset(), true);
                default -> extensions.add(p);
            }
        }
        if (realm == null) {
            throw new DigestParseException("RFC 7616 §3.3: challenge lacks realm", end);
        }
        if (nonce == null) {
            throw new DigestParseException("RFC 7616 §3.3: challenge lacks nonce", end);
        }
        return new DigestChallenge(realm, domain, nonce, Optional.ofNullable(opaque), stale,
                Optional.ofNullable(algorithm), qop, extensions);
    }

    /** Splits a list value at any of {@code separators}, trimming SP/HTAB and dropping empty items. */
    private static List<String> split(String value, String separators, int offset, boolean tokens)
            throws DigestParseException {
        List<String> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || separators.indexOf(value.charAt(i)) >= 0) {
                String item = value.substring(start, i).strip();
                if (!item.isEmpty()) {
                    if (tokens && !DigestSyntax.isToken(item)) {
                        throw new DigestParseException("RFC 7616 §3.3: qop-options are tokens", offset);
                    }
                    items.add(item);
                }
                start = i + 1;
            }
        }
        return items;
    }

    /** Builds a {@link DigestChallenge}; only realm and nonce are required. */
    public static final class Builder {
        private final String realm;
        private final String nonce;
        private final List<String> domain = new ArrayList<>();
        private final List<String> qop = new ArrayList<>();
        private final List<AuthParam> extensions = new ArrayList<>();
        private String opaque;
        private String algorithm;
        private boolean stale;

        private Builder(String realm, String nonce) {
            this.realm = realm;
            this.nonce = nonce;
        }

        public Builder algorithm(DigestAlgorithm value) {
            this.algorithm = value.token();
            return this;
        }

        public Builder qop(Qop... values) {
            for (Qop q : values) {
                qop.add(q.token());
            }
            return this;
        }

        public Builder opaque(String value) {
            this.opaque = value;
            return this;
        }

        public Builder stale(boolean value) {
            this.stale = value;
            return this;
        }

        public Builder domain(String uri) {
            domain.add(uri);
            return this;
        }

        public Builder extension(AuthParam param) {
            extensions.add(param);
            return this;
        }

        public DigestChallenge build() {
            return new DigestChallenge(realm, domain, nonce, Optional.ofNullable(opaque), stale,
                    Optional.ofNullable(algorithm), qop, extensions);
        }
    }
}
