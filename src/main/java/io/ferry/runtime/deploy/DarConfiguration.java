package io.ferry.runtime.deploy;

import io.ferry.sip.SipParseException;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;

import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Default Application Router's configuration (JSR 289 Appendix C): for each SIP method, the
 * ordered list of applications to invoke. The file is a properties file, one method per entry:
 * <pre>
 * INVITE: ("OriginatingCallWaiting", "DAR:From", "ORIGINATING", "", "NO_ROUTE", "0"), ("CallForwarding", "DAR:To", "TERMINATING", "", "NO_ROUTE", "1")
 * SUBSCRIBE: ("CallForwarding", "DAR:To", "TERMINATING", "", "NO_ROUTE", "1")
 * </pre>
 * Lines starting with {@code #} or {@code !} are comments; a line ending in {@code \} continues on
 * the next one; the method is separated from the tuples by {@code :} or {@code =}. Every tuple has
 * the six quoted fields of {@link DarRule}; inside quotes, {@code \"} and {@code \\} escape.
 * Method names are case-sensitive (RFC 3261 §7.1). A method given twice is an error (a plain
 * properties reader would silently keep the last).
 */
public final class DarConfiguration {

    /** Largest DAR file accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    /** No rules: the router selects nothing, and requests leave the container. */
    public static final DarConfiguration EMPTY = new DarConfiguration(Map.of());

    private final Map<String, List<DarRule>> rules;

    private DarConfiguration(Map<String, List<DarRule>> rules) {
        Map<String, List<DarRule>> copy = new LinkedHashMap<>();
        rules.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.rules = Collections.unmodifiableMap(copy);
    }

    /** A configuration from rules already built, method by method. */
    public static DarConfiguration of(Map<String, List<DarRule>> rules) {
        return new DarConfiguration(rules);
    }

    /** The applications for {@code method}, in order (empty when the method is not configured). */
    public List<DarRule> rulesFor(String method) {
        return rules.getOrDefault(method, List.of());
    }

    /** All rules by method, in file order. */
    public Map<String, List<DarRule>> rules() {
        return rules;
    }

    /** Reads a DAR file (UTF-8, at most {@link #MAX_BYTES}). */
    public static DarConfiguration load(Path file) throws DarConfigurationException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) throw new DarConfigurationException(-1, file + " is larger than " + MAX_BYTES + " bytes");
            return parse(new String(b, StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads the DAR file at {@code location}, the value of {@value DefaultApplicationRouter#CONFIGURATION_PROPERTY}:
     * a {@code file:} URI or a plain path. Other URI schemes are refused, so a deployment never
     * fetches its routing from the network.
     */
    public static DarConfiguration loadLocation(String location) throws DarConfigurationException, IOException {
        if (location == null || location.isBlank()) throw new DarConfigurationException(-1, "no DAR location given");
        String l = location.strip();
        int colon = l.indexOf(':');
        // a one-letter "scheme" is a Windows drive letter
        if (colon > 1 && !l.regionMatches(true, 0, "file:", 0, 5)) {
            throw new DarConfigurationException(-1, "DAR location " + l + " is neither a file: URI nor a path");
        }
        Path file;
        try {
            file = colon > 1 ? Path.of(URI.create(l)) : Path.of(l);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new DarConfigurationException(-1, "bad DAR location " + l + ": " + e.getMessage(), e);
        }
        return load(file);
    }

    /** Parses the text of a DAR file; an error names its line. */
    public static DarConfiguration parse(String text) throws DarConfigurationException {
        if (text.length() > MAX_BYTES) throw new DarConfigurationException(-1, "configuration larger than " + MAX_BYTES + " characters");
        Map<String, List<DarRule>> out = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            int first = i + 1;
            String line = lines[i++].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) continue;
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line) && i < lines.length) {
                logical.append(line, 0, line.length() - 1);
                line = lines[i++].strip();
            }
            if (endsWithContinuation(line)) line = line.substring(0, line.length() - 1);
            logical.append(line);
            entry(logical.toString(), first, out);
        }
        return new DarConfiguration(out);
    }

    /**
     * A configuration from properties whose keys are methods and whose values are tuple lists
     * (a DAR file read with {@link Properties#load}); an error names the method, since the line is
     * lost. Methods are kept in sorted order, as properties have none.
     */
    public static DarConfiguration fromProperties(Properties properties) throws DarConfigurationException {
        Map<String, List<DarRule>> out = new LinkedHashMap<>();
        Map<String, String> sorted = new TreeMap<>();
        for (String k : properties.stringPropertyNames()) sorted.put(k, properties.getProperty(k));
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String method = e.getKey().strip();
            try {
                checkMethod(method, -1);
                out.put(method, tuples(e.getValue(), -1));
            } catch (DarConfigurationException x) {
                throw new DarConfigurationException(-1, "entry '" + method + "': " + x.problem(), x);
            }
        }
        return new DarConfiguration(out);
    }

    private static boolean endsWithContinuation(String line) {
        int n = 0;
        for (int k = line.length() - 1; k >= 0 && line.charAt(k) == '\\'; k--) n++;
        return n % 2 == 1;   // an escaped backslash does not continue
    }

    private static void entry(String text, int line, Map<String, List<DarRule>> out) throws DarConfigurationException {
        int sep = 0;
        while (sep < text.length() && text.charAt(sep) != ':' && text.charAt(sep) != '=' && !Character.isWhitespace(text.charAt(sep))) sep++;
        String method = text.substring(0, sep);
        checkMethod(method, line);
        int v = sep;
        while (v < text.length() && Character.isWhitespace(text.charAt(v))) v++;
        if (v >= text.length() || (text.charAt(v) != ':' && text.charAt(v) != '=')) {
            throw new DarConfigurationException(line, "expected ':' after method " + method);
        }
        if (out.containsKey(method)) throw new DarConfigurationException(line, "method " + method + " configured twice");
        out.put(method, tuples(text.substring(v + 1), line));
    }

    /** RFC 3261 §25.1: Method = token. */
    private static void checkMethod(String method, int line) throws DarConfigurationException {
        if (method.isEmpty()) throw new DarConfigurationException(line, "missing method name");
        for (int k = 0; k < method.length(); k++) {
            char c = method.charAt(k);
            boolean token = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-.!%*_+`'~".indexOf(c) >= 0;
            if (!token) throw new DarConfigurationException(line, "method '" + method + "' is not a SIP token (RFC 3261 §25.1)");
        }
    }

    /** The tuple list after the separator. */
    private static List<DarRule> tuples(String text, int line) throws DarConfigurationException {
        List<DarRule> rules = new ArrayList<>();
        Cursor c = new Cursor(text, line);
        c.skipSpace();
        if (c.atEnd()) throw c.error("no application tuples");
        while (true) {
            c.expect('(');
            List<String> fields = new ArrayList<>();
            c.skipSpace();
            fields.add(c.quoted());
            c.skipSpace();
            while (c.peek() == ',') {
                c.pos++;
                c.skipSpace();
                fields.add(c.quoted());
                c.skipSpace();
            }
            c.expect(')');
            rules.add(rule(fields, c));
            c.skipSpace();
            if (c.atEnd()) return rules;
            c.expect(',');
            c.skipSpace();
        }
    }

    private static DarRule rule(List<String> f, Cursor c) throws DarConfigurationException {
        if (f.size() != 6) {
            throw c.error("tuple has " + f.size() + " fields; Appendix C needs 6 (name, subscriber identity, region, route, route modifier, state info)");
        }
        String app = f.get(0).strip();
        if (app.isEmpty()) throw c.error("empty application name");
        SipApplicationRoutingRegion region = switch (f.get(2).strip()) {
            case "ORIGINATING" -> SipApplicationRoutingRegion.ORIGINATING_REGION;
            case "TERMINATING" -> SipApplicationRoutingRegion.TERMINATING_REGION;
            case "NEUTRAL" -> SipApplicationRoutingRegion.NEUTRAL_REGION;
            default -> throw c.error("routing region '" + f.get(2) + "' is not ORIGINATING, TERMINATING or NEUTRAL");
        };
        String route = f.get(3).strip();
        if (!route.isEmpty()) {
            try {
                if (!(Uri.parse(route) instanceof SipUri)) throw c.error("route '" + route + "' is not a SIP URI");
            } catch (SipParseException e) {
                throw c.error("route '" + route + "' is not a SIP URI: " + e.getMessage());
            }
        }
        SipRouteModifier modifier;
        try {
            modifier = SipRouteModifier.valueOf(f.get(4).strip());
        } catch (IllegalArgumentException e) {
            throw c.error("route modifier '" + f.get(4) + "' is not ROUTE, ROUTE_BACK or NO_ROUTE");
        }
        if (modifier != SipRouteModifier.NO_ROUTE && route.isEmpty()) {
            throw c.error(modifier + " needs a route");
        }
        return new DarRule(app, f.get(1).strip(), region, route, modifier, f.get(5).strip());
    }

    /** A position in one entry's tuple list. */
    private static final class Cursor {
        final String s;
        final int line;
        int pos;

        Cursor(String s, int line) {
            this.s = s;
            this.line = line;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        void expect(char ch) throws DarConfigurationException {
            if (peek() != ch) throw error("expected '" + ch + "'" + (atEnd() ? " at end" : " but found '" + peek() + "'"));
            pos++;
        }

        String quoted() throws DarConfigurationException {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (!atEnd()) {
                char ch = s.charAt(pos++);
                if (ch == '"') return sb.toString();
                if (ch == '\\') {
                    if (atEnd()) break;
                    ch = s.charAt(pos++);
                }
                sb.append(ch);
            }
            throw error("unterminated quoted field");
        }

        DarConfigurationException error(String what) {
            return new DarConfigurationException(line, what + " (tuple list character " + (pos + 1) + ")");
        }
    }
}
