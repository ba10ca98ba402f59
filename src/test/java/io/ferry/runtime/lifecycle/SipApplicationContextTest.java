package io.ferry.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.servlet.ServletContext;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipURI;
import org.junit.jupiter.api.Test;

class SipApplicationContextTest {

    private final FakeServletContext war = new FakeServletContext("ferry");
    private final FakeApplicationHandle handle = new FakeApplicationHandle("edge", new ArrayList<>());
    private final SipFlows flows = id -> Optional.<SipFlow>empty();

    private ServletContext attached(Map<String, String> contextParams) {
        SipApplicationContext c = new SipApplicationContext(war.context(), "edge", contextParams);
        c.attach(handle, new ContainerAttributes(List.of("path", "outbound"), List.of("3261", "7118"),
                List.of(new ContainerAttributes.OutboundInterface("192.0.2.1", 5060, "UDP"),
                        new ContainerAttributes.OutboundInterface("192.0.2.1", 5061, "tls")),
                Optional.of(flows)));
        return c.context();
    }

    @Test
    void jsr289_servletContextAttributes_giveTheApplicationsServices() {
        ServletContext ctx = attached(Map.of());
        assertSame(handle.sipFactory(), ctx.getAttribute(SipServlet.SIP_FACTORY));
        assertSame(handle.timerService(), ctx.getAttribute(SipServlet.TIMER_SERVICE));
        assertSame(handle.sipSessionsUtil(), ctx.getAttribute(SipServlet.SIP_SESSIONS_UTIL));
        assertEquals(List.of("path", "outbound"), ctx.getAttribute(SipServlet.SUPPORTED));
        assertEquals(List.of("3261", "7118"), ctx.getAttribute(SipServlet.SUPPORTED_RFCs));
        assertEquals(Boolean.FALSE, ctx.getAttribute(SipServlet.PRACK_SUPPORTED));
        assertSame(flows, ctx.getAttribute(SipFlows.CONTEXT_ATTRIBUTE));
    }

    @Test
    void jsr289_outboundInterfaces_isAListOfSipUris() {
        @SuppressWarnings("unchecked")
        List<SipURI> uris = (List<SipURI>) attached(Map.of()).getAttribute(SipServlet.OUTBOUND_INTERFACES);
        assertEquals(2, uris.size());
        assertEquals("192.0.2.1", uris.get(0).getHost());
        assertEquals(5060, uris.get(0).getPort());
        assertEquals("udp", uris.get(0).getTransportParam());
        assertEquals("tls", uris.get(1).getTransportParam());
    }

    @Test
    void attributeNames_holdTheWarsAndTheContainers() {
        war.attributes.put("war.attr", "x");
        List<String> names = Collections.list(attached(Map.of()).getAttributeNames());
        assertTrue(names.contains("war.attr"));
        assertTrue(names.contains(SipServlet.SIP_FACTORY));
        assertTrue(names.contains(SipServlet.OUTBOUND_INTERFACES));
        assertTrue(names.contains(SipFlows.CONTEXT_ATTRIBUTE));
    }

    @Test
    void containerAttributes_cannotBeReplacedOrRemoved() {
        ServletContext ctx = attached(Map.of());
        assertThrows(IllegalArgumentException.class, () -> ctx.setAttribute(SipServlet.SIP_FACTORY, "mine"));
        assertThrows(IllegalArgumentException.class, () -> ctx.removeAttribute(SipServlet.TIMER_SERVICE));
        assertSame(handle.sipFactory(), ctx.getAttribute(SipServlet.SIP_FACTORY));
    }

    @Test
    void otherAttributes_areTheWarsShared() {
        ServletContext ctx = attached(Map.of());
        ctx.setAttribute("shared", 42);
        assertEquals(42, war.attributes.get("shared"));
        war.attributes.put("fromWar", "w");
        assertEquals("w", ctx.getAttribute("fromWar"));
        ctx.removeAttribute("shared");
        assertNull(war.attributes.get("shared"));
    }

    @Test
    void sipXmlContextParams_hideTheWarsAndAreListedOnce() {
        war.initParams.put("shared", "web.xml");
        war.initParams.put("webOnly", "w");
        ServletContext ctx = attached(Map.of("shared", "sip.xml", "sipOnly", "s"));
        assertEquals("sip.xml", ctx.getInitParameter("shared"));
        assertEquals("s", ctx.getInitParameter("sipOnly"));
        assertEquals("w", ctx.getInitParameter("webOnly"));
        List<String> names = Collections.list(ctx.getInitParameterNames());
        assertEquals(3, names.size());
        assertFalse(ctx.setInitParameter("shared", "again"), "Servlet 4: false when the parameter exists");
    }

    @Test
    void beforeAttach_onlyTheWarsAttributesExist() {
        ServletContext ctx = new SipApplicationContext(war.context(), "edge", Map.of()).context();
        assertNull(ctx.getAttribute(SipServlet.SIP_FACTORY));
        assertEquals("/ferry", ctx.getContextPath());
    }

    @Test
    void objectMethods_useTheWrapperItself() {
        ServletContext ctx = attached(Map.of());
        assertEquals(ctx, ctx);
        assertFalse(ctx.equals(war.context()));
        assertTrue(ctx.toString().contains("edge"));
    }
}
