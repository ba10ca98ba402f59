package io.ferry.runtime.deploy;

import io.ferry.runtime.deploy.SipApplicationModelException.Violation;
import io.ferry.runtime.deploy.apps.alpha.AlphaInviteServlet;
import io.ferry.runtime.deploy.apps.alpha.AlphaMessageServlet;
import io.ferry.runtime.deploy.apps.alpha.AlphaSessionListener;
import io.ferry.runtime.deploy.apps.badmain.BadMainServlet;
import io.ferry.runtime.deploy.apps.beta.BetaErrorListener;
import io.ferry.runtime.deploy.apps.beta.BetaServlet;
import io.ferry.runtime.deploy.apps.gamma1.Gamma1Servlet;
import io.ferry.runtime.deploy.apps.gamma2.Gamma2Servlet;
import io.ferry.runtime.deploy.apps.nomain.OptionsServlet;
import io.ferry.runtime.deploy.apps.nomain.RegisterServlet;
import io.ferry.runtime.deploy.apps.unnamed.UnnamedServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipApplicationModelTest {

    private static final String WAR = "ferry-test";

    // ---- test classes in this package (no @SipApplication): they belong to the default application

    @SipServlet
    public static class PlainServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    /** Declared only in sip.xml. */
    public static class XmlOnlyServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    /** Declared only in sip.xml. */
    public static class XmlSessionListener implements SipApplicationSessionListener {
        @Override public void sessionCreated(SipApplicationSessionEvent ev) { }
        @Override public void sessionDestroyed(SipApplicationSessionEvent ev) { }
        @Override public void sessionExpired(SipApplicationSessionEvent ev) { }
        @Override public void sessionReadyToInvalidate(SipApplicationSessionEvent ev) { }
    }

    /** A plain servlet-context listener, allowed in sip.xml. */
    public static class XmlContextListener implements ServletContextListener {
        @Override public void contextInitialized(ServletContextEvent sce) { }
    }

    @SipServlet(name = "alpha-extra", applicationName = "alpha")
    public static class AlphaExtraServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet(name = "to-sip-xml-app", applicationName = "xmlapp")
    public static class ToSipXmlAppServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet
    public static class NotAServlet {
    }

    @SipServlet
    public abstract static class AbstractBaseServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet(name = "dup")
    public static class DupOneServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet(name = "dup")
    public static class DupTwoServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet(name = "beta", applicationName = "alpha")
    public static class BetaNameInAlphaServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipServlet(applicationName = "nowhere")
    public static class OrphanServlet extends javax.servlet.sip.SipServlet {
        private static final long serialVersionUID = 1L;
    }

    @SipListener(applicationName = "nowhere")
    public static class OrphanListener implements SipApplicationSessionListener {
        @Override public void sessionCreated(SipApplicationSessionEvent ev) { }
        @Override public void sessionDestroyed(SipApplicationSessionEvent ev) { }
        @Override public void sessionExpired(SipApplicationSessionEvent ev) { }
        @Override public void sessionReadyToInvalidate(SipApplicationSessionEvent ev) { }
    }

    @SipListener
    public static class NoInterfaceListener {
    }

    public static class ValidKey {
        @SipApplicationKey
        public static String key(SipServletRequest request) {
            return request.getCallId();
        }
    }

    public static class OtherValidKey {
        @SipApplicationKey
        public static String key(SipServletRequest request) {
            return request.getMethod();
        }
    }

    public static class KeyForBeta {
        @SipApplicationKey(applicationName = "beta")
        public static String key(SipServletRequest request) {
            return request.getCallId();
        }
    }

    public static class KeyNotStatic {
        @SipApplicationKey
        public String key(SipServletRequest request) {
            return request.getCallId();
        }
    }

    public static class KeyNotPublic {
        @SipApplicationKey
        static String key(SipServletRequest request) {
            return request.getCallId();
        }
    }

    public static class KeyReturnsObject {
        @SipApplicationKey
        public static Object key(SipServletRequest request) {
            return request.getCallId();
        }
    }

    public static class KeyTakesObject {
        @SipApplicationKey
        public static String key(Object request) {
            return request.toString();
        }
    }

    public static class KeyTakesTwo {
        @SipApplicationKey
        public static String key(SipServletRequest request, String extra) {
            return request.getCallId() + extra;
        }
    }

    public static class KeyTakesNone {
        @SipApplicationKey
        public static String key() {
            return "k";
        }
    }

    // ---- helpers

    private static SipApplicationModel build(Optional<String> sipXml, Class<?>... classes) throws Exception {
        Optional<SipAppDescriptor> d = sipXml.isPresent()
                ? Optional.of(SipXmlParser.parse(sipXml.get().getBytes(StandardCharsets.UTF_8))) : Optional.empty();
        return SipApplicationModel.build(List.of(classes), d, WAR, SipApplicationModelTest.class.getClassLoader());
    }

    private static SipApplicationModel annotations(Class<?>... classes) throws Exception {
        return build(Optional.empty(), classes);
    }

    private static SipApplicationModelException failure(Optional<String> sipXml, Class<?>... classes) {
        return assertThrows(SipApplicationModelException.class, () -> build(sipXml, classes));
    }

    private static Class<?> packageInfo(String app) throws ClassNotFoundException {
        return Class.forName("io.ferry.runtime.deploy.apps." + app + ".package-info");
    }

    private static String sipXml(String body) {
        return "<sip-app xmlns=\"http://www.jcp.org/xml/ns/sipservlet\" xmlns:javaee=\"http://java.sun.com/xml/ns/javaee\">\n"
                + body + "\n</sip-app>";
    }

    private static String servlet(String name, Class<?> c, String extra) {
        return "<javaee:servlet><javaee:servlet-name>" + name + "</javaee:servlet-name><javaee:servlet-class>"
                + c.getName() + "</javaee:servlet-class>" + extra + "</javaee:servlet>";
    }

    private static String mapping(String servlet, String method) {
        return "<servlet-mapping><servlet-name>" + servlet + "</servlet-name><pattern><equal><var>request.method</var><value>"
                + method + "</value></equal></pattern></servlet-mapping>";
    }

    private static String listener(Class<?> c) {
        return "<javaee:listener><javaee:listener-class>" + c.getName() + "</javaee:listener-class></javaee:listener>";
    }

    private static List<String> servletNames(SipApplicationDefinition app) {
        return app.servlets().stream().map(SipServletDeclaration::name).toList();
    }

    // ---- annotations only

    @Test
    void jsr289_sipApplication_packageAnnotation_definesOneApplicationWithItsServletsAndListeners() throws Exception {
        SipApplicationModel m = annotations(packageInfo("alpha"), AlphaInviteServlet.class, AlphaMessageServlet.class,
                AlphaSessionListener.class);
        assertEquals(1, m.applications().size());
        SipApplicationDefinition alpha = m.application("alpha").orElseThrow();
        assertEquals(List.of("AlphaMessageServlet", "alpha-invite"), servletNames(alpha));
        SipServletDeclaration invite = alpha.servlet("alpha-invite").orElseThrow();
        assertEquals(AlphaInviteServlet.class, invite.servletClass());
        assertEquals(OptionalInt.of(1), invite.loadOnStartup());
        assertEquals(Optional.of("answers INVITE"), invite.description());
        SipServletDeclaration message = alpha.servlet("AlphaMessageServlet").orElseThrow();
        assertEquals(OptionalInt.empty(), message.loadOnStartup(), "loadOnStartup -1 lets the container choose");
        assertEquals(Optional.empty(), message.description());
        assertEquals(Optional.of("alpha-invite"), alpha.mainServlet());
        assertEquals("Alpha", alpha.displayName());
        assertEquals(Optional.of("Alpha app"), alpha.description());
        assertTrue(alpha.distributable());
        assertEquals(7, alpha.sessionTimeout());
        assertEquals(30, alpha.proxyTimeout());
        assertEquals(1, alpha.listeners().size());
        SipListenerDeclaration l = alpha.listeners().get(0);
        assertEquals(AlphaSessionListener.class, l.listenerClass());
        assertEquals(Set.of(SipListenerType.APPLICATION_SESSION, SipListenerType.SESSION, SipListenerType.TIMER), l.types());
        assertEquals(Optional.of("counts sessions"), l.description());
        assertEquals(List.of(l), alpha.listeners(SipListenerType.TIMER));
        assertEquals(List.of(), alpha.listeners(SipListenerType.ERROR));
        assertEquals("key", alpha.applicationKey().orElseThrow().getName());
        assertEquals(AlphaInviteServlet.class, alpha.applicationKey().get().getDeclaringClass());
    }

    @Test
    void jsr289_sipApplication_foundThroughServletPackage_withoutPackageInfoClass() throws Exception {
        SipApplicationModel m = annotations(AlphaInviteServlet.class, AlphaMessageServlet.class);
        assertEquals(List.of("alpha"), m.applications().stream().map(SipApplicationDefinition::name).toList());
    }

    @Test
    void jsr289_twoSipApplications_inOneWar_keepTheirOwnServletsAndListeners() throws Exception {
        SipApplicationModel m = annotations(packageInfo("alpha"), packageInfo("beta"), AlphaInviteServlet.class,
                AlphaMessageServlet.class, AlphaSessionListener.class, BetaServlet.class, BetaErrorListener.class);
        assertEquals(List.of("alpha", "beta"), m.applications().stream().map(SipApplicationDefinition::name).toList());
        SipApplicationDefinition beta = m.application("beta").orElseThrow();
        assertEquals(List.of("beta"), servletNames(beta));
        assertEquals(List.of(BetaErrorListener.class), beta.listeners().stream().map(SipListenerDeclaration::listenerClass).toList());
        assertEquals(Set.of(SipListenerType.ERROR, SipListenerType.SERVLET), beta.listeners().get(0).types());
        assertEquals(List.of(AlphaSessionListener.class),
                m.application("alpha").orElseThrow().listeners().stream().map(SipListenerDeclaration::listenerClass).toList());
        assertEquals("beta", beta.displayName(), "displayName defaults to the name");
        assertEquals(SipApplicationModel.DEFAULT_SESSION_TIMEOUT, beta.sessionTimeout());
        assertEquals(SipApplicationModel.DEFAULT_PROXY_TIMEOUT, beta.proxyTimeout());
        assertFalse(beta.distributable());
        assertEquals(Optional.empty(), beta.applicationKey());
    }

    @Test
    void jsr289_servletSelection_singleServlet_isTheMainServlet() throws Exception {
        SipApplicationDefinition beta = annotations(BetaServlet.class).application("beta").orElseThrow();
        assertEquals(new ServletSelection.MainServlet("beta"), beta.selection());
    }

    @Test
    void jsr289_sipServlet_applicationName_joinsTheNamedApplication() throws Exception {
        SipApplicationModel m = annotations(packageInfo("alpha"), packageInfo("beta"), AlphaInviteServlet.class,
                AlphaMessageServlet.class, AlphaExtraServlet.class, BetaServlet.class);
        assertEquals(List.of("AlphaMessageServlet", "alpha-extra", "alpha-invite"), servletNames(m.application("alpha").orElseThrow()));
        assertEquals(List.of("beta"), servletNames(m.application("beta").orElseThrow()));
    }

    @Test
    void jsr289_sipServlet_nameDefaultsToSimpleClassName_andAppToWarName_withoutSipApplication() throws Exception {
        SipApplicationModel m = annotations(PlainServlet.class, String.class);
        SipApplicationDefinition app = m.application(WAR).orElseThrow();
        assertEquals(List.of("PlainServlet"), servletNames(app));
        assertEquals(Optional.of("PlainServlet"), app.mainServlet());
        assertEquals(1, m.applications().size());
    }

    @Test
    void ferry_servletOutsideAnyPackageApplication_joinsTheOnlySipApplication() throws Exception {
        SipApplicationModel m = annotations(AlphaInviteServlet.class, PlainServlet.class);
        assertEquals(List.of("alpha"), m.applications().stream().map(SipApplicationDefinition::name).toList());
        assertEquals(List.of("PlainServlet", "alpha-invite"), servletNames(m.application("alpha").orElseThrow()));
    }

    @Test
    void ferry_abstractAnnotatedServlet_andUnannotatedClasses_areIgnored() throws Exception {
        SipApplicationModel m = annotations(PlainServlet.class, AbstractBaseServlet.class, XmlOnlyServlet.class);
        assertEquals(List.of("PlainServlet"), servletNames(m.application(WAR).orElseThrow()));
    }

    @Test
    void ferry_noSipContent_givesNoApplication() throws Exception {
        assertEquals(List.of(), annotations(String.class).applications());
    }

    @Test
    void ferry_model_isImmutable() throws Exception {
        SipApplicationModel m = annotations(BetaServlet.class);
        assertThrows(UnsupportedOperationException.class, () -> m.applications().clear());
        assertThrows(UnsupportedOperationException.class, () -> m.applications().get(0).servlets().clear());
        assertThrows(UnsupportedOperationException.class, () -> m.applications().get(0).listeners().clear());
    }

    // ---- sip.xml only, and combined

    @Test
    void jsr289_sipXmlOnly_definesTheApplication() throws Exception {
        String xml = sipXml("<app-name>xmlapp</app-name><javaee:display-name>Xml App</javaee:display-name><distributable/>"
                + "<javaee:context-param><javaee:param-name>a</javaee:param-name><javaee:param-value>1</javaee:param-value></javaee:context-param>"
                + listener(XmlSessionListener.class) + listener(XmlContextListener.class)
                + "<proxy-config><proxy-timeout>40</proxy-timeout></proxy-config>"
                + "<javaee:session-config><javaee:session-timeout>12</javaee:session-timeout></javaee:session-config>"
                + servlet("xml", XmlOnlyServlet.class, "<javaee:init-param><javaee:param-name>p</javaee:param-name>"
                + "<javaee:param-value>v</javaee:param-value></javaee:init-param><javaee:load-on-startup>2</javaee:load-on-startup>"));
        SipApplicationModel m = build(Optional.of(xml));
        assertEquals(1, m.applications().size());
        SipApplicationDefinition app = m.application("xmlapp").orElseThrow();
        SipServletDeclaration s = app.servlet("xml").orElseThrow();
        assertEquals(XmlOnlyServlet.class, s.servletClass());
        assertEquals(Map.of("p", "v"), s.initParams());
        assertEquals(OptionalInt.of(2), s.loadOnStartup());
        assertEquals(Optional.of("xml"), app.mainServlet());
        assertEquals("Xml App", app.displayName());
        assertTrue(app.distributable());
        assertEquals(12, app.sessionTimeout());
        assertEquals(40, app.proxyTimeout());
        assertEquals(Map.of("a", "1"), app.contextParams());
        assertEquals(List.of(XmlSessionListener.class, XmlContextListener.class),
                app.listeners().stream().map(SipListenerDeclaration::listenerClass).toList());
        assertEquals(Set.of(SipListenerType.APPLICATION_SESSION), app.listeners().get(0).types());
        assertEquals(Set.of(), app.listeners().get(1).types());
    }

    @Test
    void jsr289_sipXmlWithoutAppName_andNoAnnotations_usesWarName() throws Exception {
        SipApplicationModel m = build(Optional.of(sipXml(servlet("xml", XmlOnlyServlet.class, ""))));
        assertEquals(List.of(WAR), m.applications().stream().map(SipApplicationDefinition::name).toList());
    }

    @Test
    void jsr289_sipXmlMappings_selectAmongAnnotatedServlets_ofTheOnlyApplication() throws Exception {
        String xml = sipXml("<servlet-selection>" + mapping("register", "REGISTER") + mapping("options", "OPTIONS")
                + "</servlet-selection>");
        SipApplicationDefinition app = build(Optional.of(xml), RegisterServlet.class, OptionsServlet.class)
                .application("nomain").orElseThrow();
        ServletSelection.Mappings sel = assertInstanceOf(ServletSelection.Mappings.class, app.selection());
        assertEquals(List.of("register", "options"), sel.mappings().stream().map(ServletMapping::servletName).toList());
        assertEquals(Optional.empty(), app.mainServlet());
    }

    @Test
    void jsr289_servletInBothSipXmlAndAnnotation_sipXmlWinsForWhatItDeclares() throws Exception {
        String xml = sipXml("<app-name>alpha</app-name>"
                + "<javaee:session-config><javaee:session-timeout>20</javaee:session-timeout></javaee:session-config>"
                + servlet("alpha-invite", AlphaInviteServlet.class, "<javaee:init-param><javaee:param-name>p</javaee:param-name>"
                + "<javaee:param-value>v</javaee:param-value></javaee:init-param><javaee:load-on-startup>5</javaee:load-on-startup>")
                + servlet("AlphaMessageServlet", AlphaMessageServlet.class, ""));
        SipApplicationModel m = build(Optional.of(xml), packageInfo("alpha"), AlphaInviteServlet.class, AlphaMessageServlet.class);
        assertEquals(1, m.applications().size());
        SipApplicationDefinition alpha = m.application("alpha").orElseThrow();
        assertEquals(List.of("AlphaMessageServlet", "alpha-invite"), servletNames(alpha));
        SipServletDeclaration invite = alpha.servlet("alpha-invite").orElseThrow();
        assertEquals(OptionalInt.of(5), invite.loadOnStartup());
        assertEquals(Map.of("p", "v"), invite.initParams());
        assertEquals(Optional.of("answers INVITE"), invite.description(), "not declared by sip.xml: the annotation's");
        assertEquals(20, alpha.sessionTimeout());
        assertEquals(30, alpha.proxyTimeout(), "not declared by sip.xml: the annotation's");
        assertEquals(Optional.of("alpha-invite"), alpha.mainServlet());
    }

    @Test
    void jsr289_sipXmlServletWithAnnotatedName_differentClass_takesSipXmlClass() throws Exception {
        String xml = sipXml("<app-name>beta</app-name>" + servlet("beta", XmlOnlyServlet.class, ""));
        SipApplicationDefinition beta = build(Optional.of(xml), BetaServlet.class).application("beta").orElseThrow();
        assertEquals(List.of("beta"), servletNames(beta));
        assertEquals(XmlOnlyServlet.class, beta.servlet("beta").orElseThrow().servletClass());
    }

    @Test
    void jsr289_sipXmlMainServlet_overridesAnnotationMainServlet() throws Exception {
        String xml = sipXml("<app-name>alpha</app-name><servlet-selection><main-servlet>AlphaMessageServlet</main-servlet>"
                + "</servlet-selection>");
        SipApplicationDefinition alpha = build(Optional.of(xml), AlphaInviteServlet.class, AlphaMessageServlet.class)
                .application("alpha").orElseThrow();
        assertEquals(Optional.of("AlphaMessageServlet"), alpha.mainServlet());
    }

    @Test
    void jsr289_sipXmlAppName_differentFromSipApplication_isASecondApplication() throws Exception {
        String xml = sipXml("<app-name>xmlapp</app-name><servlet-selection><main-servlet>xml</main-servlet></servlet-selection>"
                + servlet("xml", XmlOnlyServlet.class, ""));
        SipApplicationModel m = build(Optional.of(xml), BetaServlet.class, ToSipXmlAppServlet.class, PlainServlet.class);
        assertEquals(List.of("beta", "xmlapp"), m.applications().stream().map(SipApplicationDefinition::name).toList());
        assertEquals(List.of("beta"), servletNames(m.application("beta").orElseThrow()));
        SipApplicationDefinition x = m.application("xmlapp").orElseThrow();
        assertEquals(List.of("PlainServlet", "to-sip-xml-app", "xml"), servletNames(x),
                "applicationName may name sip.xml's app-name; unattached servlets join sip.xml's application");
        assertEquals(Optional.of("xml"), x.mainServlet());
        assertEquals(Violation.UNKNOWN_APPLICATION, failure(Optional.empty(), ToSipXmlAppServlet.class).violation(),
                "without the sip.xml, xmlapp does not exist");
    }

    @Test
    void jsr289_sipXmlAndAnnotation_sameListener_isRegisteredOnce() throws Exception {
        String xml = sipXml("<app-name>alpha</app-name>" + listener(AlphaSessionListener.class));
        SipApplicationDefinition alpha = build(Optional.of(xml), AlphaInviteServlet.class, AlphaSessionListener.class)
                .application("alpha").orElseThrow();
        assertEquals(1, alpha.listeners().size());
        assertEquals(Optional.of("counts sessions"), alpha.listeners().get(0).description());
    }

    // ---- errors

    @Test
    void jsr289_servletSelection_mainServletWithMappings_failsDeployment() throws Exception {
        String xml = sipXml("<app-name>alpha</app-name><servlet-selection>" + mapping("alpha-invite", "INVITE")
                + "</servlet-selection>");
        SipApplicationModelException e = failure(Optional.of(xml), packageInfo("alpha"), AlphaInviteServlet.class, AlphaMessageServlet.class);
        assertEquals(Violation.MAIN_SERVLET_WITH_MAPPINGS, e.violation());
        assertTrue(e.subject().contains("io.ferry.runtime.deploy.apps.alpha"), e.getMessage());
    }

    @Test
    void jsr289_servletSelection_sipXmlMainServletUnknown_failsDeployment() {
        String xml = sipXml("<app-name>beta</app-name><servlet-selection><main-servlet>ghost</main-servlet></servlet-selection>");
        SipApplicationModelException e = failure(Optional.of(xml), BetaServlet.class);
        assertEquals(Violation.UNKNOWN_MAIN_SERVLET, e.violation());
        assertTrue(e.subject().contains("ghost"), e.getMessage());
    }

    @Test
    void jsr289_servletSelection_annotationMainServletUnknown_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), BadMainServlet.class);
        assertEquals(Violation.UNKNOWN_MAIN_SERVLET, e.violation());
        assertTrue(e.subject().contains("ghost"), e.getMessage());
    }

    @Test
    void jsr289_servletMapping_toUnknownServlet_failsDeployment() {
        String xml = sipXml("<servlet-selection>" + mapping("register", "REGISTER") + mapping("ghost", "OPTIONS")
                + "</servlet-selection>");
        SipApplicationModelException e = failure(Optional.of(xml), RegisterServlet.class, OptionsServlet.class);
        assertEquals(Violation.MAPPING_TO_UNKNOWN_SERVLET, e.violation());
        assertTrue(e.subject().contains("ghost"), e.getMessage());
    }

    @Test
    void ferry_severalServlets_withoutMainServletOrMappings_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), RegisterServlet.class, OptionsServlet.class);
        assertEquals(Violation.NO_SERVLET_SELECTION, e.violation());
        assertTrue(e.subject().contains("nomain"), e.getMessage());
    }

    @Test
    void jsr289_sipServletAnnotation_onNonSipServlet_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), NotAServlet.class);
        assertEquals(Violation.NOT_A_SIP_SERVLET, e.violation());
        assertEquals(NotAServlet.class.getName(), e.subject());
    }

    @Test
    void jsr289_sipXmlServletClass_notASipServlet_failsDeployment() {
        SipApplicationModelException e = failure(Optional.of(sipXml(servlet("s", String.class, ""))));
        assertEquals(Violation.NOT_A_SIP_SERVLET, e.violation());
        assertTrue(e.subject().contains("<servlet> \"s\""), e.getMessage());
    }

    @Test
    void jsr289_sipXmlServletClass_missing_failsDeployment() {
        String xml = sipXml("<javaee:servlet><javaee:servlet-name>s</javaee:servlet-name>"
                + "<javaee:servlet-class>com.example.Missing</javaee:servlet-class></javaee:servlet>");
        SipApplicationModelException e = failure(Optional.of(xml));
        assertEquals(Violation.CLASS_NOT_FOUND, e.violation());
        assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
    }

    @Test
    void jsr289_duplicateServletName_inOneApplication_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), DupOneServlet.class, DupTwoServlet.class);
        assertEquals(Violation.DUPLICATE_SERVLET_NAME, e.violation());
        assertEquals(DupTwoServlet.class.getName(), e.subject());
    }

    @Test
    void ferry_duplicateServletName_acrossApplications_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), AlphaInviteServlet.class, BetaServlet.class,
                BetaNameInAlphaServlet.class);
        assertEquals(Violation.DUPLICATE_SERVLET_NAME, e.violation());
    }

    @Test
    void ferry_sipXmlServletName_takenByAnotherApplication_failsDeployment() {
        String xml = sipXml("<app-name>xmlapp</app-name>" + servlet("beta", XmlOnlyServlet.class, ""));
        SipApplicationModelException e = failure(Optional.of(xml), BetaServlet.class);
        assertEquals(Violation.DUPLICATE_SERVLET_NAME, e.violation());
        assertTrue(e.subject().contains("<servlet> \"beta\""), e.getMessage());
    }

    @Test
    void jsr289_servletApplicationName_namingNoApplication_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), BetaServlet.class, OrphanServlet.class);
        assertEquals(Violation.UNKNOWN_APPLICATION, e.violation());
        assertEquals(OrphanServlet.class.getName(), e.subject());
    }

    @Test
    void jsr289_listenerApplicationName_namingNoApplication_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), BetaServlet.class, OrphanListener.class);
        assertEquals(Violation.UNKNOWN_APPLICATION, e.violation());
        assertEquals(OrphanListener.class.getName(), e.subject());
    }

    @Test
    void jsr289_sipApplicationWithoutName_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), UnnamedServlet.class);
        assertEquals(Violation.APPLICATION_WITHOUT_NAME, e.violation());
        assertTrue(e.subject().contains("apps.unnamed"), e.getMessage());
    }

    @Test
    void ferry_sameApplicationName_inTwoPackages_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), Gamma1Servlet.class, Gamma2Servlet.class);
        assertEquals(Violation.DUPLICATE_APPLICATION, e.violation());
    }

    @Test
    void ferry_applicationWithoutServlets_failsDeployment() throws Exception {
        assertEquals(Violation.APPLICATION_WITHOUT_SERVLETS,
                failure(Optional.empty(), packageInfo("beta"), BetaErrorListener.class).violation());
        assertEquals(Violation.APPLICATION_WITHOUT_SERVLETS,
                failure(Optional.of(sipXml(listener(XmlSessionListener.class)))).violation());
    }

    @Test
    void jsr289_sipListener_implementingNoListenerInterface_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), PlainServlet.class, NoInterfaceListener.class);
        assertEquals(Violation.NOT_A_SIP_LISTENER, e.violation());
        assertEquals(NoInterfaceListener.class.getName(), e.subject());
    }

    @Test
    void jsr289_sipXmlListener_notAListener_failsDeployment() {
        SipApplicationModelException e = failure(Optional.of(sipXml(servlet("xml", XmlOnlyServlet.class, "")
                + listener(String.class))));
        assertEquals(Violation.NOT_A_SIP_LISTENER, e.violation());
    }

    // ---- @SipApplicationKey

    @Test
    void jsr289_sipApplicationKey_validSignature_isTheApplicationsKey() throws Exception {
        SipApplicationModel m = annotations(packageInfo("beta"), BetaServlet.class, ValidKey.class);
        SipApplicationDefinition beta = m.application("beta").orElseThrow();
        assertEquals(ValidKey.class, beta.applicationKey().orElseThrow().getDeclaringClass());
    }

    @Test
    void jsr289_sipApplicationKey_applicationName_selectsTheApplication() throws Exception {
        SipApplicationModel m = annotations(AlphaInviteServlet.class, AlphaMessageServlet.class, BetaServlet.class, KeyForBeta.class);
        assertEquals(KeyForBeta.class, m.application("beta").orElseThrow().applicationKey().orElseThrow().getDeclaringClass());
        assertEquals(AlphaInviteServlet.class, m.application("alpha").orElseThrow().applicationKey().orElseThrow().getDeclaringClass());
    }

    @ParameterizedTest
    @ValueSource(classes = {KeyNotStatic.class, KeyNotPublic.class, KeyReturnsObject.class, KeyTakesObject.class,
            KeyTakesTwo.class, KeyTakesNone.class})
    void jsr289_sipApplicationKey_invalidSignature_failsDeployment(Class<?> keyClass) {
        SipApplicationModelException e = failure(Optional.empty(), PlainServlet.class, keyClass);
        assertEquals(Violation.INVALID_APPLICATION_KEY, e.violation());
        assertEquals(keyClass.getName() + ".key", e.subject());
    }

    @Test
    void ferry_twoSipApplicationKeys_forOneApplication_failDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), PlainServlet.class, ValidKey.class, OtherValidKey.class);
        assertEquals(Violation.DUPLICATE_APPLICATION_KEY, e.violation());
    }

    @Test
    void jsr289_sipApplicationKey_applicationNameNamingNoApplication_failsDeployment() {
        SipApplicationModelException e = failure(Optional.empty(), PlainServlet.class, KeyForBeta.class);
        assertEquals(Violation.UNKNOWN_APPLICATION, e.violation());
    }
}
