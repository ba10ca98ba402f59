package io.ferry.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.deploy.apps.beta.BetaErrorListener;
import io.ferry.runtime.deploy.apps.beta.BetaServlet;
import io.ferry.runtime.deploy.apps.deltaservlets.DeltaServlet;
import io.ferry.runtime.lifecycle.FakeServletContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SipApplicationInitializerTest {

    private static final String CLASSES = "/WEB-INF/classes/";

    private final FakeServletContext war = new FakeServletContext("ferry");

    private void classFile(Class<?> c) {
        war.resources.put(CLASSES + c.getName().replace('.', '/') + ".class", new byte[0]);
    }

    private void packageInfo(String pkg) {
        war.resources.put(CLASSES + pkg.replace('.', '/') + "/package-info.class", new byte[0]);
    }

    @Test
    void jsr289_18_2_packageAnnotation_ofAnnotatedClasses_isFound() {
        Set<Class<?>> infos = SipApplicationInitializer.packageInfos(List.of(BetaServlet.class), p -> null, getClass().getClassLoader());
        assertEquals(1, infos.size());
        assertEquals("io.ferry.runtime.deploy.apps.beta.package-info", infos.iterator().next().getName());
    }

    @Test
    void jsr289_18_2_packageWithOnlyPackageInfo_isFoundUnderWebInfClasses() {
        classFile(DeltaServlet.class);
        packageInfo("io.ferry.runtime.deploy.apps.deltaservlets");
        packageInfo("io.ferry.runtime.deploy.apps.delta");
        war.context().setAttribute("unused", 0);
        new SipApplicationInitializer().onStartup(Set.of(DeltaServlet.class), war.context());
        SipApplicationModel model = SipApplicationInitializer.model(war.context()).orElseThrow();
        assertEquals(List.of("delta"), model.applications().stream().map(SipApplicationDefinition::name).toList());
        assertEquals("delta", model.application("delta").orElseThrow().servlets().get(0).name());
    }

    @Test
    void jsr289_applicationName_ofAPackageNobodyScans_failsTheDeployment() {
        // Liberty never passes package-info classes: without the WEB-INF/classes scan "delta" is unknown
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> new SipApplicationInitializer()
                .onStartup(Set.of(DeltaServlet.class), war.context()));
        SipApplicationModelException cause = assertInstanceOf(SipApplicationModelException.class, e.getCause());
        assertEquals(SipApplicationModelException.Violation.UNKNOWN_APPLICATION, cause.violation());
        assertTrue(e.getMessage().startsWith("WAR ferry: "), e.getMessage());
    }

    @Test
    void jsr289_annotatedClasses_becomeTheModelInTheContextAttribute() {
        new SipApplicationInitializer().onStartup(Set.of(BetaServlet.class, BetaErrorListener.class), war.context());
        SipApplicationModel model = (SipApplicationModel) war.attributes.get(SipApplicationInitializer.MODEL_ATTRIBUTE);
        SipApplicationDefinition beta = model.application("beta").orElseThrow();
        assertEquals(1, beta.listeners().size());
    }

    @Test
    void warWithoutSipContent_givesAnEmptyModel() {
        new SipApplicationInitializer().onStartup(null, war.context());
        assertEquals(List.of(), SipApplicationInitializer.model(war.context()).orElseThrow().applications());
    }

    @Test
    void jsr289_sipXml_isReadFromWebInf() {
        war.resources.put(SipApplicationInitializer.SIP_XML, ("""
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
                  <app-name>fromxml</app-name>
                  <javaee:context-param><javaee:param-name>k</javaee:param-name><javaee:param-value>v</javaee:param-value></javaee:context-param>
                  <servlet><javaee:servlet-name>x</javaee:servlet-name><javaee:servlet-class>%s</javaee:servlet-class></servlet>
                </sip-app>
                """.formatted(BetaServlet.class.getName())).getBytes(StandardCharsets.UTF_8));
        new SipApplicationInitializer().onStartup(Set.of(), war.context());
        SipApplicationDefinition app = SipApplicationInitializer.model(war.context()).orElseThrow().application("fromxml").orElseThrow();
        assertEquals("v", app.contextParams().get("k"));
        assertEquals("x", app.servlets().get(0).name());
    }

    @Test
    void jsr289_malformedSipXml_failsTheDeployment_withItsPosition() {
        war.resources.put(SipApplicationInitializer.SIP_XML, "<sip-app><servlet>".getBytes(StandardCharsets.UTF_8));
        SipDeploymentException e = assertThrows(SipDeploymentException.class,
                () -> new SipApplicationInitializer().onStartup(Set.of(), war.context()));
        assertInstanceOf(DeploymentDescriptorException.class, e.getCause());
        assertTrue(e.getMessage().contains("sip.xml"), e.getMessage());
    }

    @Test
    void defaultApplicationName_isTheWarsNameElseItsContextPath() {
        assertEquals("ferry", SipApplicationInitializer.defaultApplicationName(" ferry ", "/x"));
        assertEquals("shop.sip", SipApplicationInitializer.defaultApplicationName(null, "/shop/sip"));
        assertEquals("sip-application", SipApplicationInitializer.defaultApplicationName("", ""));
    }
}
