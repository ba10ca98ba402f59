package io.ferry.runtime.deploy;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code WEB-INF/sip.xml} (JSR 289 deployment descriptor, sip-app 1.1 schema, and JSR 116 sip-app 1.0) into
 * a {@link SipAppDescriptor}. Pure: bytes in, record out, no logging.
 *
 * <p>Secure processing: no DTD is loaded and no external entity is resolved (a DOCTYPE is
 * skipped, an entity it declares cannot be used), the input is at most {@link #MAX_BYTES} and
 * elements nest at most {@link #MAX_DEPTH} deep. Every element must belong to the sip-app
 * schema: an unknown element is an error, so a misspelt {@code <servlet-mapping>} is not silently
 * ignored. Elements the schema has but Ferry does not act on (security constraints, JNDI
 * references…) are listed in {@link SipAppDescriptor#ignoredElements()}.
 */
public final class SipXmlParser {

    /** Largest descriptor accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;
    /** Deepest element nesting accepted (mapping rules nest). */
    public static final int MAX_DEPTH = 64;

    /** The sip-app 1.1 namespace (JSR 289). */
    public static final String NS_SIPSERVLET = "http://www.jcp.org/xml/ns/sipservlet";
    /** The Java EE namespace, whose elements the 1.1 schema reuses. */
    public static final String NS_JAVAEE = "http://java.sun.com/xml/ns/javaee";

    /** Schema elements Ferry accepts and does not act on. */
    private static final Set<String> IGNORED_TOP = Set.of(
            "icon", "security-constraint", "login-config", "security-role", "env-entry", "ejb-ref",
            "ejb-local-ref", "service-ref", "resource-ref", "resource-env-ref", "message-destination-ref",
            "persistence-context-ref", "persistence-unit-ref", "post-construct", "pre-destroy",
            "message-destination", "locale-encoding-mapping-list");

    private SipXmlParser() {
    }

    /** An element with its position; text is the stripped character content. */
    private record Node(String name, String namespace, Map<String, String> attributes, List<Node> children, String text,
                        int line, int column) {
        List<Node> all(String n) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) if (c.name.equals(n)) out.add(c);
            return out;
        }

        DeploymentDescriptorException error(String problem) {
            return new DeploymentDescriptorException(line, column, problem);
        }

        /** The single child {@code n}, if present; more than one is an error. */
        Optional<Node> optional(String n) throws DeploymentDescriptorException {
            List<Node> l = all(n);
            if (l.size() > 1) throw l.get(1).error("<" + name + "> has more than one <" + n + ">");
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }

        Node required(String n) throws DeploymentDescriptorException {
            return optional(n).orElseThrow(() -> error("<" + name + "> without <" + n + ">"));
        }

        String requiredText(String n) throws DeploymentDescriptorException {
            Node c = required(n);
            if (c.text.isEmpty()) throw c.error("empty <" + n + "> in <" + name + ">");
            return c.text;
        }

        Optional<String> optionalText(String n) throws DeploymentDescriptorException {
            return optional(n).map(Node::text);
        }

        void allowOnly(Set<String> names) throws DeploymentDescriptorException {
            for (Node c : children) {
                if (!names.contains(c.name)) throw c.error("unknown element <" + c.name + "> in <" + name + ">");
            }
        }
    }

    /** Parses a descriptor read from {@code in} (at most {@link #MAX_BYTES}). */
    public static SipAppDescriptor parse(InputStream in) throws DeploymentDescriptorException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new DeploymentDescriptorException(-1, -1, "cannot read: " + e.getMessage(), e);
        }
        return parse(bytes);
    }

    /** Parses a descriptor. */
    public static SipAppDescriptor parse(byte[] xml) throws DeploymentDescriptorException {
        if (xml.length > MAX_BYTES) {
            throw new DeploymentDescriptorException(-1, -1, "descriptor larger than " + MAX_BYTES + " bytes");
        }
        Node root = readTree(xml);
        return descriptor(root);
    }

    // ---- XML → tree ---------------------------------------------------------------------------

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static Node readTree(byte[] xml) throws DeploymentDescriptorException {
        XMLStreamReader r = null;
        try {
            r = secureFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                    if (!r.getLocalName().equals("sip-app")) {
                        throw at(r, "root element is <" + r.getLocalName() + ">, not <sip-app>");
                    }
                    if (!ns.isEmpty() && !ns.equals(NS_SIPSERVLET)) {
                        throw at(r, "<sip-app> in namespace " + ns + ", expected " + NS_SIPSERVLET);
                    }
                    return element(r, ns.isEmpty() ? Set.of("") : Set.of(NS_SIPSERVLET, NS_JAVAEE), 1);
                }
            }
            throw new DeploymentDescriptorException(-1, -1, "no root element");
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String msg = e.getMessage();
            // the JDK message starts with "ParseError at [row,col]:..." and repeats the position
            int cut = msg == null ? -1 : msg.indexOf("Message: ");
            String what = cut >= 0 ? msg.substring(cut + "Message: ".length()) : String.valueOf(msg);
            throw new DeploymentDescriptorException(l == null ? -1 : l.getLineNumber(),
                    l == null ? -1 : l.getColumnNumber(), "not well-formed XML: " + what, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing an in-memory reader has nothing to release
                }
            }
        }
    }

    /** Reads the element the reader is positioned on, up to and including its end tag. */
    private static Node element(XMLStreamReader r, Set<String> namespaces, int depth)
            throws XMLStreamException, DeploymentDescriptorException {
        if (depth > MAX_DEPTH) throw at(r, "elements nested deeper than " + MAX_DEPTH);
        String name = r.getLocalName();
        int line = r.getLocation().getLineNumber();
        int column = r.getLocation().getColumnNumber();
        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        if (!namespaces.contains(ns)) {
            throw at(r, "element <" + name + "> in foreign namespace " + (ns.isEmpty() ? "(none)" : ns));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ans = r.getAttributeNamespace(i);
            if (ans == null || ans.isEmpty()) attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i).strip());
        }
        List<Node> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element(r, namespaces, depth + 1));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw at(r, "undeclared entity &" + r.getLocalName() + ";");
                case XMLStreamConstants.END_ELEMENT -> {
                    if (!children.isEmpty() && !text.toString().isBlank()) {
                        throw new DeploymentDescriptorException(line, column, "<" + name + "> mixes text and elements");
                    }
                    return new Node(name, ns, attributes, List.copyOf(children), text.toString().strip(), line, column);
                }
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private static DeploymentDescriptorException at(XMLStreamReader r, String problem) {
        Location l = r.getLocation();
        return new DeploymentDescriptorException(l.getLineNumber(), l.getColumnNumber(), problem);
    }

    // ---- tree → descriptor --------------------------------------------------------------------

    private static SipAppDescriptor descriptor(Node root) throws DeploymentDescriptorException {
        String version = root.attributes.getOrDefault("version", "");
        if (!version.isEmpty() && !version.equals("1.1") && !version.equals("1.0")) {
            throw root.error("unsupported sip-app version '" + version + "' (1.0 and 1.1 are read)");
        }
        root.allowOnly(topLevelNames());
        String effectiveVersion = !version.isEmpty() ? version : root.namespace.equals(NS_SIPSERVLET) ? "1.1" : "1.0";

        Optional<String> appName = root.optionalText("app-name");
        Optional<String> displayName = root.optionalText("display-name");
        Optional<String> description = root.optionalText("description");
        boolean distributable = root.optional("distributable").isPresent();

        Map<String, String> contextParams = params(root.all("context-param"), "context-param");

        List<String> listeners = new ArrayList<>();
        for (Node l : root.all("listener")) {
            l.allowOnly(Set.of("description", "display-name", "icon", "listener-class"));
            listeners.add(l.requiredText("listener-class"));
        }

        List<ServletDefinition> servlets = new ArrayList<>();
        for (Node s : root.all("servlet")) {
            ServletDefinition d = servlet(s);
            for (ServletDefinition other : servlets) {
                if (other.name().equals(d.name())) throw s.error("duplicate servlet-name '" + d.name() + "'");
            }
            servlets.add(d);
        }

        ServletSelection selection = selection(root);

        OptionalInt sessionTimeout = OptionalInt.empty();
        Optional<Node> sc = root.optional("session-config");
        if (sc.isPresent()) {
            sc.get().allowOnly(Set.of("session-timeout"));
            Optional<Node> t = sc.get().optional("session-timeout");
            if (t.isPresent()) sessionTimeout = OptionalInt.of(integer(t.get()));
        }

        Optional<SipAppDescriptor.ProxyConfig> proxyConfig = Optional.empty();
        Optional<Node> pc = root.optional("proxy-config");
        if (pc.isPresent()) {
            pc.get().allowOnly(Set.of("proxy-timeout", "sequential-search-timeout"));
            Optional<Node> t = pc.get().optional("proxy-timeout");
            if (t.isEmpty()) t = pc.get().optional("sequential-search-timeout");
            proxyConfig = Optional.of(new SipAppDescriptor.ProxyConfig(
                    t.isPresent() ? OptionalInt.of(integer(t.get())) : OptionalInt.empty()));
        }

        List<String> ignored = new ArrayList<>();
        for (Node c : root.children) if (IGNORED_TOP.contains(c.name) && !ignored.contains(c.name)) ignored.add(c.name);

        return new SipAppDescriptor(effectiveVersion, appName, displayName, description, distributable,
                contextParams, listeners, servlets, selection, sessionTimeout, proxyConfig, ignored);
    }

    private static Set<String> topLevelNames() {
        Set<String> s = new HashSet<>(IGNORED_TOP);
        s.addAll(Set.of("app-name", "display-name", "description", "distributable", "context-param", "listener",
                "servlet-selection", "servlet-mapping", "proxy-config", "session-config", "servlet"));
        return s;
    }

    private static Map<String, String> params(List<Node> nodes, String what) throws DeploymentDescriptorException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node p : nodes) {
            p.allowOnly(Set.of("description", "param-name", "param-value"));
            String name = p.requiredText("param-name");
            String value = p.required("param-value").text;
            if (out.putIfAbsent(name, value) != null) throw p.error("duplicate " + what + " '" + name + "'");
        }
        return out;
    }

    private static ServletDefinition servlet(Node s) throws DeploymentDescriptorException {
        s.allowOnly(Set.of("description", "display-name", "icon", "servlet-name", "servlet-class", "init-param",
                "load-on-startup", "run-as", "security-role-ref"));
        String name = s.requiredText("servlet-name");
        String cls = s.requiredText("servlet-class");
        Map<String, String> init = params(s.all("init-param"), "init-param of servlet '" + name + "'");
        OptionalInt los = OptionalInt.empty();
        Optional<Node> l = s.optional("load-on-startup");
        // Servlet 4 §14.4.1: an empty load-on-startup means "at the container's choice"
        if (l.isPresent() && !l.get().text.isEmpty()) los = OptionalInt.of(integer(l.get()));
        return new ServletDefinition(name, cls, s.optionalText("display-name"), init, los);
    }

    private static ServletSelection selection(Node root) throws DeploymentDescriptorException {
        List<Node> mappingNodes = new ArrayList<>(root.all("servlet-mapping"));
        Optional<Node> main = Optional.empty();
        Optional<Node> sel = root.optional("servlet-selection");
        if (sel.isPresent()) {
            sel.get().allowOnly(Set.of("main-servlet", "servlet-mapping"));
            main = sel.get().optional("main-servlet");
            mappingNodes.addAll(sel.get().all("servlet-mapping"));
        }
        if (main.isPresent()) {
            // JSR 289 servlet selection: main-servlet and servlet-mapping exclude each other
            if (!mappingNodes.isEmpty()) throw mappingNodes.get(0).error("servlet-mapping together with main-servlet");
            if (main.get().text.isEmpty()) throw main.get().error("empty <main-servlet>");
            return new ServletSelection.MainServlet(main.get().text);
        }
        if (mappingNodes.isEmpty()) return new ServletSelection.Unspecified();
        List<ServletMapping> mappings = new ArrayList<>();
        for (Node m : mappingNodes) {
            m.allowOnly(Set.of("servlet-name", "pattern"));
            Node pattern = m.required("pattern");
            if (pattern.children.size() != 1) throw pattern.error("<pattern> needs exactly one condition, has " + pattern.children.size());
            mappings.add(new ServletMapping(m.requiredText("servlet-name"), condition(pattern.children.get(0))));
        }
        return new ServletSelection.Mappings(mappings);
    }

    /** JSR 289 mapping rules: one condition of a pattern. */
    private static MappingRule condition(Node c) throws DeploymentDescriptorException {
        switch (c.name) {
            case "and", "or" -> {
                if (c.children.isEmpty()) throw c.error("<" + c.name + "> without conditions");
                List<MappingRule> ops = new ArrayList<>();
                for (Node o : c.children) ops.add(condition(o));
                return c.name.equals("and") ? new MappingRule.And(ops) : new MappingRule.Or(ops);
            }
            case "not" -> {
                if (c.children.size() != 1) throw c.error("<not> needs exactly one condition, has " + c.children.size());
                return new MappingRule.Not(condition(c.children.get(0)));
            }
            case "equal", "contains" -> {
                c.allowOnly(Set.of("var", "value"));
                RuleVariable v = variable(c);
                String value = c.required("value").text;
                boolean ic = ignoreCase(c);
                return c.name.equals("equal") ? new MappingRule.Equal(v, value, ic) : new MappingRule.Contains(v, value, ic);
            }
            case "exists" -> {
                c.allowOnly(Set.of("var"));
                return new MappingRule.Exists(variable(c));
            }
            case "subdomain-of" -> {
                c.allowOnly(Set.of("var", "value"));
                RuleVariable v = variable(c);
                String value = c.requiredText("value");
                return new MappingRule.SubdomainOf(v, value);
            }
            default -> throw c.error("unknown condition <" + c.name + "> (and, or, not, equal, contains, exists, subdomain-of)");
        }
    }

    private static RuleVariable variable(Node c) throws DeploymentDescriptorException {
        Node var = c.required("var");
        try {
            return RuleVariable.parse(var.text);
        } catch (IllegalArgumentException e) {
            throw var.error(e.getMessage());
        }
    }

    private static boolean ignoreCase(Node c) throws DeploymentDescriptorException {
        String ic = c.attributes.get("ignore-case");
        // xsd:boolean
        if (ic == null || ic.equals("false") || ic.equals("0")) return false;
        if (ic.equals("true") || ic.equals("1")) return true;
        throw c.error("ignore-case must be true or false, is '" + ic + "'");
    }

    private static int integer(Node n) throws DeploymentDescriptorException {
        try {
            return Integer.parseInt(n.text);
        } catch (NumberFormatException e) {
            throw n.error("<" + n.name + "> is not an integer: '" + n.text + "'");
        }
    }
}
