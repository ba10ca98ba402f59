package io.ferry.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Digest credentials of an {@code Authorization} or {@code Proxy-Authorization} value
 * (RFC 7616 §3.4, RFC 3261 §22.4, RFC 4976 §7.1). Values are unquoted and unescaped.
 * Parameters Ferry does not interpret are kept in {@code extensions}, in order.
 *
 * @param username   {@code username}
 * @param realm      {@code realm}
 * @param nonce      {@code nonce}
 * @param uri        {@code uri} (the digest-uri, as the client wrote it)
 * @param response   {@code response} (hex digest)
 * @param algorithm  {@code algorithm} token as sent; absent means MD5 (RFC 7616 §3.3)
 * @param cnonce     {@code cnonce}
 * @param opaque     {@code opaque}
 * @param qop        {@code qop} as sent
 * @param nc         {@code nc}, exactly 8 hex digits (RFC 7616 §3.4)
 * @param extensions other auth-params, e.g. {@code userhash}
 */
public record DigestCredentials(
        String username,
        String realm,
        String nonce,
        String uri,
        String response,
        Optional<String> algorithm,
        Optional<String> cnonce,
        Optional<String> opaque,
        Optional<String> qop,
        Optional<String> nc,
        List<AuthParam> extensions) {

    /** Parameters with a typed component; everything else is an extension. */
    private static final Set<String> KNOWN =
            Set.of("username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc");

    public DigestCredentials {
        DigestSyntax.requireValue("username", username);
        DigestSyntax.requireValue("realm", realm);
        DigestSyntax.requireValue("nonce", nonce);
        DigestSyntax.requireValue("uri", uri);
        DigestSyntax.requireValue("response", response);
        algorithm.ifPresent(v -> DigestSyntax.requireValue("algorithm", v));
        cnonce.ifPresent(v -> DigestSyntax.requireValue("cnonce", v));
        opaque.ifPresent(v -> DigestSyntax.requireValue("opaque", v));
        qop.ifPresent(v -> DigestSyntax.requireValue("qop", v));
        nc.ifPresent(v -> {
            if (!Hex.isHex(v, 8)) {
                throw new IllegalArgumentException("nc must be 8 hex digits");
            }
        });
        extensions = List.copyOf(extensions);
        for (AuthParam p : extensions) {
            if (KNOWN.contains(p.key())) {
                throw new IllegalArgumentException("extension repeats a known parameter: " + p.name());
            }
        }
    }

    /** Parses a header value with the default limits; see {@link DigestHeaderParser}. */
    public static DigestCredentials parse(String headerValue) throws DigestParseException {
        return new DigestHeaderParser().parseCredentials(headerValue);
    }

    /**
     * The algorithm these credentials use: MD5 when the parameter is absent (RFC 7616 §3.3),
     * empty when the token names an algorithm Ferry does not implement.
     */
    public Optional<DigestAlgorithm> digestAlgorithm() {
        return algorithm.isEmpty() ? Optional.of(DigestAlgorithm.MD5) : DigestAlgorithm.fromToken(algorithm.get());
    }

    /** The nonce count as a number, if {@code nc} was sent. */
    public OptionalLong nonceCount() {
        return nc.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(nc.get(), 16));
    }

    /** An extension parameter by name (case-insensitive). */
    public Optional<String> extension(String name) {
        return extensions.stream().filter(p -> p.is(name)).map(AuthParam::value).findFirst();
    }

    /**
     * The {@code Authorization} value: {@code Digest username="…", …}. Quoted-string parameters
     * are quoted and the token ones ({@code algorithm}, {@code qop}, {@code nc}) are not, as
     * RFC 7616 §3.4 writes them.
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(256).append(DigestHeaderParser.SCHEME).append(' ');
        DigestSyntax.appendQuotedParam(sb, "username", username);
        sb.append(", ");
        DigestSyntax.appendQuotedParam(sb, "realm", realm);
        sb.append(", ");
        DigestSyntax.appendQuotedParam(sb, "nonce", nonce);
        sb.append(", ");
        DigestSyntax.appendQuotedParam(sb, "uri", uri);
        sb.append(", ");
        DigestSyntax.appendQuotedParam(sb, "response", response);
        algorithm.ifPresent(v -> DigestSyntax.appendTokenOrQuoted(sb.append(", "), "algorithm", v));
        cnonce.ifPresent(v -> DigestSyntax.appendQuotedParam(sb.append(", "), "cnonce", v));
        opaque.ifPresent(v -> DigestSyntax.appendQuotedParam(sb.append(", "), "opaque", v));
        qop.ifPresent(v -> DigestSyntax.appendTokenOrQuoted(sb.append(", "), "qop", v));
        nc.ifPresent(v -> sb.append(", nc=").append(v));
        for (AuthParam p : extensions) {
            sb.append(", ").append(p.toHeaderText());
        }
        return sb.toString();
    }

    static DigestCredentials from(List<DigestHeaderParser.Located> params, int end) throws DigestParseException {
        String username = null;
        String realm = null;
        String nonce = null;
        String uri = null;
        String response = null;
        String algorithm = null;
        String cnonce = null;
        String opaque = null;
        String qop = null;
        String nc = null;
        int qopOffset = -1;
        List<AuthParam> extensions = new ArrayList<>();
        for (DigestHeaderParser.Located located : params) {
            AuthParam p = located.param();
            String v = p.value();
            switch (p.key()) {
                case "username" -> username = v;
                case "realm" -> realm = v;
                case "nonce" -> nonce = v;
                case "uri" -> uri = v;
                case "response" -> response = v;
                case "algorithm" -> algorithm = v;
                case "cnonce" -> cnonce = v;
                case "opaque" -> opaque = v;
                case "qop" -> {
                    qop = v;
                    qopOffset = located.offset();
                }
                case "nc" -> {
                    if (!Hex.isHex(v, 8)) {
                        throw new DigestParseException("RFC 7616 §3.4: nc is exactly 8 hex digits", located.offset());
                    }
                    nc = v;
                }
                case "username*" -> throw new DigestParseException(
                        "RFC 7616 §3.4.4: username* (RFC 5987 encoding) is not supported", located.offset());
                default -> extensions.add(p);
            }
        }
        require(username, "username", end);
        require(realm, "realm", end);
        require(nonce, "nonce", end);
        require(uri, "uri", end);
        require(response, "response", end);
        if (qop != null && (cnonce == null || nc == null)) {
            // RFC 7616 §3.4: cnonce and nc MUST be sent when qop is.
            throw new DigestParseException("RFC 7616 §3.4: qop requires cnonce and nc", qopOffset);
        }
        return new DigestCredentials(username, realm, nonce, uri, response,
                Optional.ofNullable(algorithm), Optional.ofNullable(cnonce), Optional.ofNullable(opaque),
                Optional.ofNullable(qop), Optional.ofNullable(nc), extensions);
    }

    private static void require(String value, String name, int offset) throws DigestParseException {
        if (value == null) {
            throw new DigestParseException("RFC 7616 §3.4: credentials lack " + name, offset);
        }
    }
}
