package io.ferry.runtime.deploy;

import java.util.Locale;

/**
 * A variable of the servlet-mapping rule language (JSR 289 mapping rules, the request object model): a
 * path into the request, such as {@code request.method}, {@code request.uri.host},
 * {@code request.from.display-name} or {@code request.to.uri.param.transport}.
 *
 * <p>The object model is: the request has {@code method}, {@code uri}, {@code from} and
 * {@code to}; an address ({@code from}, {@code to}) has {@code uri} and {@code display-name}; a URI
 * has {@code scheme}, and for SIP URIs {@code user}, {@code host}, {@code port}, {@code tel} and
 * {@code param.<name>}, and for tel URLs {@code tel} and {@code param.<name>}. Every path through
 * that model is a variable, and nothing else is.
 *
 * @param name    the variable as written in sip.xml
 * @param subject which part of the request the path starts from
 * @param part    the property of that part
 * @param param   for {@link Part#URI_PARAM}, the parameter name; otherwise {@code null}
 */
public record RuleVariable(String name, Subject subject, Part part, String param) {

    /** The request property a variable starts from. */
    public enum Subject { METHOD, REQUEST_URI, FROM, TO }

    /** The property a variable designates within its {@link Subject}. */
    public enum Part {
        /** {@code request.method}, or the whole {@code request.from} / {@code request.to} address. */
        WHOLE,
        /** {@code request.from.display-name}, {@code request.to.display-name}. */
        DISPLAY_NAME,
        /** The URI itself: {@code request.uri}, {@code request.from.uri}. */
        URI,
        URI_SCHEME, URI_USER, URI_HOST, URI_PORT, URI_TEL, URI_PARAM;

        /** True for the {@code …tel} variables, which {@code subdomain-of} compares by prefix. */
        public boolean isTel() {
            return this == URI_TEL;
        }
    }

    public RuleVariable {
        if (name == null || subject == null || part == null) throw new IllegalArgumentException("incomplete variable");
        if ((part == Part.URI_PARAM) != (param != null)) throw new IllegalArgumentException("param name only for param variables");
    }

    /**
     * Parses a variable name.
     *
     * @throws IllegalArgumentException naming the variable when it is not in the object model
     */
    public static RuleVariable parse(String text) {
        String name = text == null ? "" : text.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("request.method")) return new RuleVariable(name, Subject.METHOD, Part.WHOLE, null);
        if (lower.startsWith("request.uri")) {
            return uriPath(name, Subject.REQUEST_URI, "request.uri".length());
        }
        for (Subject s : new Subject[] {Subject.FROM, Subject.TO}) {
            String prefix = s == Subject.FROM ? "request.from" : "request.to";
            if (!lower.startsWith(prefix)) continue;
            String rest = lower.substring(prefix.length());
            if (rest.isEmpty()) return new RuleVariable(name, s, Part.WHOLE, null);
            if (rest.equals(".display-name")) return new RuleVariable(name, s, Part.DISPLAY_NAME, null);
            if (rest.startsWith(".uri")) return uriPath(name, s, prefix.length() + ".uri".length());
        }
        throw unknown(name);
    }

    private static RuleVariable uriPath(String name, Subject subject, int at) {
        String rest = name.substring(at);
        String lower = rest.toLowerCase(Locale.ROOT);
        Part part = switch (lower) {
            case "" -> Part.URI;
            case ".scheme" -> Part.URI_SCHEME;
            case ".user" -> Part.URI_USER;
            case ".host" -> Part.URI_HOST;
            case ".port" -> Part.URI_PORT;
            case ".tel" -> Part.URI_TEL;
            default -> null;
        };
        if (part != null) return new RuleVariable(name, subject, part, null);
        if (lower.startsWith(".param.") && rest.length() > ".param.".length()) {
            return new RuleVariable(name, subject, Part.URI_PARAM, rest.substring(".param.".length()));
        }
        throw unknown(name);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown variable '" + name
                + "' (JSR 289 request object model: request.method, request.uri…, request.from…, request.to…)");
    }

    @Override
    public String toString() {
        return name;
    }
}
