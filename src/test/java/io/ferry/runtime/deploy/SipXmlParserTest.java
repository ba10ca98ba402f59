package io.ferry.runtime.deploy;

import io.ferry.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipXmlParserTest {

    private static SipAppDescriptor fixture(String name) throws DeploymentDescriptorException {
        return SipXmlParser.parse(Fixtures.bytes("jsr289/sip-xml/" + name + ".xml"));
    }

    private static DeploymentDescriptorException failure(String xml) {
        return assertThrows(DeploymentDescriptorException.class,
                () -> SipXmlParser.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String app11(String body) {
        return "<sip-app xmlns=\"http://www.jcp.org/xml/ns/sipservlet\" xmlns:javaee=\"http://java.sun.com/xml/ns/javaee\">\n"
                + body + "\n</sip-app>";
    }

    @Test
    void jsr289_descriptor_sipApp11_everyModelledElement_isRead() throws Exception {
        SipAppDescriptor d = fixture("full-1.1");
        assertEquals("1.1", d.version());
        assertEquals(Optional.of("com.example.callcontrol"), d.appName());
        assertEquals(Optional.of("Call Control"), d.displayName());
        assertTrue(d.description().isPresent());
        assertTrue(d.distributable());
        assertEquals(List.of("greeting", "empty"), List.copyOf(d.contextParams().keySet()));
        assertEquals("hello", d.contextParams().get("greeting"));
        assertEquals("", d.contextParams().get("empty"));
        assertEquals(List.of("com.example.SessionListener", "com.example.TimerListener"), d.listeners());
        assertEquals(2, d.servlets().size());
        ServletDefinition reg = d.servlet("registrar").orElseThrow();
        assertEquals("com.example.RegistrarServlet", reg.servletClass());
        assertEquals(Optional.of("Registrar"), reg.displayName());
        assertEquals(Map.of("min-expires", "60"), reg.initParams());
        assertEquals(1, reg.loadOnStartup().getAsInt());
        assertTrue(d.servlet("calls").orElseThrow().loadOnStartup().isEmpty());
        assertEquals(15, d.sessionTimeout().getAsInt());
        assertEquals(40, d.proxyConfig().orElseThrow().proxyTimeout().getAsInt());
        assertEquals(List.of("security-role"), d.ignoredElements());

        ServletSelection.Mappings m = assertInstanceOf(ServletSelection.Mappings.class, d.servletSelection());
        assertEquals(List.of("registrar", "calls"), m.mappings().stream().map(ServletMapping::servletName).toList());
        assertEquals(new MappingRule.Equal(RuleVariable.parse("request.method"), "register", true),
                m.mappings().get(0).pattern());
    }

    @Test
    void jsr289_mappingRules_mappings_selectFirstMatchingServletInDocumentOrder() throws Exception {
        ServletSelection.Mappings m = (ServletSelection.Mappings) fixture("full-1.1").servletSelection();
        Map<String, String> invite = Map.of("request.method", "INVITE", "request.uri.host", "pbx.example.com");
        assertEquals(Optional.of("calls"), m.select(ctx(invite)));
        assertEquals(Optional.of("registrar"), m.select(ctx(Map.of("request.method", "REGISTER"))));
        Map<String, String> maddr = Map.of("request.method", "INVITE", "request.uri.host", "example.com",
                "request.uri.param.maddr", "10.0.0.1");
        assertEquals(Optional.empty(), m.select(ctx(maddr)));
        assertEquals(Optional.empty(), m.select(ctx(Map.of("request.method", "INVITE", "request.uri.host", "example.org"))));
    }

    @Test
    void jsr289_servletSelection_mainServlet_isTheSelection() throws Exception {
        SipAppDescriptor d = fixture("main-servlet-1.1");
        assertEquals(new ServletSelection.MainServlet("answer"), d.servletSelection());
        assertEquals("1.1", d.version());
    }

    @Test
    void jsr116_sipApp10_withDoctype_isReadWithoutLoadingTheDtd() throws Exception {
        SipAppDescriptor d = fixture("jsr116-1.0");
        assertEquals("1.0", d.version());
        assertTrue(d.appName().isEmpty());
        assertEquals(Optional.of("SIP Registrar"), d.displayName());
        assertEquals(Map.of("domain", "example.com"), d.servlet("registrar").orElseThrow().initParams());
        assertEquals(30, d.proxyConfig().orElseThrow().proxyTimeout().getAsInt());
        assertEquals(5, d.sessionTimeout().getAsInt());
        ServletSelection.Mappings m = assertInstanceOf(ServletSelection.Mappings.class, d.servletSelection());
        assertEquals(Optional.of("registrar"),
                m.select(ctx(Map.of("request.method", "REGISTER", "request.uri.host", "EXAMPLE.COM"))));
        assertEquals(Optional.of("registrar"),
                m.select(ctx(Map.of("request.method", "REGISTER", "request.uri.host", "sip.example.com"))));
        assertEquals(Optional.empty(), m.select(ctx(Map.of("request.method", "INVITE", "request.uri.host", "example.com"))));
    }

    @Test
    void jsr289_descriptor_emptyDescriptor_hasNoSelection() throws Exception {
        SipAppDescriptor d = SipXmlParser.parse(app11("").getBytes(StandardCharsets.UTF_8));
        assertEquals(new ServletSelection.Unspecified(), d.servletSelection());
        assertTrue(d.servlets().isEmpty());
        assertTrue(d.sessionTimeout().isEmpty());
        assertTrue(d.proxyConfig().isEmpty());
        assertFalse(d.distributable());
    }

    @Test
    void malformed_notWellFormed_givesLineAndColumn() {
        DeploymentDescriptorException e = assertThrows(DeploymentDescriptorException.class, () -> fixture("not-well-formed"));
        assertEquals(5, e.line());
        assertTrue(e.column() > 0);
        assertTrue(e.problem().startsWith("not well-formed XML"), e.problem());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void unknownElement_misspeltMapping_isAnErrorAtItsPosition() {
        DeploymentDescriptorException e = assertThrows(DeploymentDescriptorException.class, () -> fixture("misspelt-mapping"));
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("unknown element <servlet-maping>"), e.problem());
    }

    @Test
    void unknownElement_insideServlet_isAnError() {
        var e = failure(app11("<javaee:servlet><javaee:servlet-name>a</javaee:servlet-name>"
                + "<javaee:servlet-class>A</javaee:servlet-class><javaee:servlet-klass/></javaee:servlet>"));
        assertTrue(e.problem().contains("unknown element <servlet-klass> in <servlet>"), e.problem());
        assertEquals(2, e.line());
    }

    @Test
    void foreignNamespace_isAnError() {
        var e = failure(app11("<x:app-name xmlns:x=\"urn:other\">a</x:app-name>"));
        assertTrue(e.problem().contains("foreign namespace urn:other"), e.problem());
    }

    @Test
    void wrongRoot_isAnError() {
        var e = failure("<web-app/>");
        assertTrue(e.problem().contains("not <sip-app>"), e.problem());
        assertEquals(1, e.line());
    }

    @Test
    void secureProcessing_internalEntityExpansion_isRefused() {
        var e = assertThrows(DeploymentDescriptorException.class, () -> fixture("entity-expansion"));
        assertTrue(e.problem().contains("lol"), e.problem());
    }

    @Test
    void secureProcessing_externalEntity_isNeverResolved() {
        var e = assertThrows(DeploymentDescriptorException.class, () -> fixture("external-entity"));
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
        assertTrue(e.problem().contains("xxe"), e.problem());
    }

    @Test
    void limits_oversizedDescriptor_isRefusedBeforeParsing() {
        byte[] big = new byte[SipXmlParser.MAX_BYTES + 1];
        var e = assertThrows(DeploymentDescriptorException.class, () -> SipXmlParser.parse(big));
        assertTrue(e.problem().contains("larger than"), e.problem());
    }

    @Test
    void limits_deepNesting_isRefused() {
        String open = "<not>".repeat(SipXmlParser.MAX_DEPTH + 1);
        String close = "</not>".repeat(SipXmlParser.MAX_DEPTH + 1);
        var e = failure(app11("<servlet-mapping><servlet-name>a</servlet-name><pattern>" + open
                + "<exists><var>request.method</var></exists>" + close + "</pattern></servlet-mapping>"));
        assertTrue(e.problem().contains("nested deeper"), e.problem());
    }

    @Test
    void jsr289_servletSelection_mainServletWithMappings_isAnError() {
        var e = failure(app11("<servlet-selection><main-servlet>a</main-servlet><servlet-mapping><servlet-name>a</servlet-name>"
                + "<pattern><exists><var>request.method</var></exists></pattern></servlet-mapping></servlet-selection>"));
        assertTrue(e.problem().contains("together with main-servlet"), e.problem());
    }

    @Test
    void jsr289_mappingRules_unknownVariable_isAnErrorNamingIt() {
        var e = failure(app11("<servlet-mapping><servlet-name>a</servlet-name>"
                + "<pattern><equal><var>request.via</var><value>x</value></equal></pattern></servlet-mapping>"));
        assertTrue(e.problem().contains("unknown variable 'request.via'"), e.problem());
        assertEquals(2, e.line());
    }

    @Test
    void jsr289_mappingRules_unknownCondition_isAnError() {
        var e = failure(app11("<servlet-mapping><servlet-name>a</servlet-name>"
                + "<pattern><matches><var>request.method</var><value>x</value></matches></pattern></servlet-mapping>"));
        assertTrue(e.problem().contains("unknown condition <matches>"), e.problem());
    }

    @Test
    void jsr289_mappingRules_patternWithTwoConditions_isAnError() {
        var e = failure(app11("<servlet-mapping><servlet-name>a</servlet-name><pattern>"
                + "<exists><var>request.method</var></exists><exists><var>request.uri</var></exists></pattern></servlet-mapping>"));
        assertTrue(e.problem().contains("exactly one condition"), e.problem());
    }

    @Test
    void jsr289_mappingRules_notWithTwoOperands_andEmptyOr_areErrors() {
        var not = failure(app11("<servlet-mapping><servlet-name>a</servlet-name><pattern><not>"
                + "<exists><var>request.method</var></exists><exists><var>request.uri</var></exists></not></pattern></servlet-mapping>"));
        assertTrue(not.problem().contains("<not> needs exactly one"), not.problem());
        var or = failure(app11("<servlet-mapping><servlet-name>a</servlet-name><pattern><or/></pattern></servlet-mapping>"));
        assertTrue(or.problem().contains("<or> without conditions"), or.problem());
    }

    @Test
    void jsr289_mappingRules_badIgnoreCase_isAnError() {
        var e = failure(app11("<servlet-mapping><servlet-name>a</servlet-name><pattern>"
                + "<equal ignore-case=\"yes\"><var>request.method</var><value>x</value></equal></pattern></servlet-mapping>"));
        assertTrue(e.problem().contains("ignore-case"), e.problem());
    }

    @Test
    void servletWithoutClass_duplicateServlet_duplicateParam_badInteger_areErrors() {
        assertTrue(failure(app11("<javaee:servlet><javaee:servlet-name>a</javaee:servlet-name></javaee:servlet>"))
                .problem().contains("<servlet> without <servlet-class>"));
        String s = "<javaee:servlet><javaee:servlet-name>a</javaee:servlet-name><javaee:servlet-class>A</javaee:servlet-class></javaee:servlet>";
        assertTrue(failure(app11(s + s)).problem().contains("duplicate servlet-name 'a'"));
        String p = "<javaee:context-param><javaee:param-name>k</javaee:param-name><javaee:param-value>v</javaee:param-value></javaee:context-param>";
        assertTrue(failure(app11(p + p)).problem().contains("duplicate context-param 'k'"));
        assertTrue(failure(app11("<javaee:session-config><javaee:session-timeout>ten</javaee:session-timeout></javaee:session-config>"))
                .problem().contains("not an integer: 'ten'"));
        assertTrue(failure(app11("<app-name>a</app-name><app-name>b</app-name>")).problem().contains("more than one <app-name>"));
    }

    @Test
    void unsupportedVersion_isAnError() {
        var e = failure("<sip-app xmlns=\"http://www.jcp.org/xml/ns/sipservlet\" version=\"2.0\"/>");
        assertTrue(e.problem().contains("unsupported sip-app version '2.0'"), e.problem());
    }

    static RuleContext ctx(Map<String, String> values) {
        return v -> Optional.ofNullable(values.get(v.name()));
    }
}
