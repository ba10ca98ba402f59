package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.runtime.SipStack;
import io.ferry.runtime.deploy.DarConfiguration;
import io.ferry.runtime.deploy.DarConfigurationException;
import io.ferry.runtime.deploy.DefaultApplicationRouter;
import io.ferry.runtime.deploy.ServletSelection;
import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipListenerDeclaration;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.deploy.SipServletDeclaration;
import io.ferry.runtime.transport.SipInboundHandler;
import io.ferry.runtime.txn.TransactionConfig;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipSerializer;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;

/**
 * One Ferry node for container tests: a real {@link SipStack} with the {@link SipContainer}
 * attached, the Default Application Router over a DAR text, fake flows to play the peer, and
 * applications made of {@link ScriptedServlet}s.
 */
final class ContainerFixtures implements AutoCloseable {

    static final String HOST = "ferry.test";

    final Recorder recorder = new Recorder();
    final DefaultApplicationRouter router;
    final SipContainer container;
    final SipStack stack;
    private final List<ApplicationHandle> handles = new ArrayList<>();
    private int ports = 40000;

    ContainerFixtures(String dar) {
        this(dar, Duration.ofMillis(500), Duration.ofSeconds(4));
    }

    /** @param t1 the container's T1 (2xx retransmission, RFC 3261 §13.3.1.4), also the transaction layer's */
    ContainerFixtures(String dar, Duration t1, Duration t2) {
        try {
            router = new DefaultApplicationRouter(DarConfiguration.parse(dar));
        } catch (DarConfigurationException e) {
            throw new IllegalArgumentException(e);
        }
        router.init();
        container = new SipContainer(new ContainerSettings("node1", HOST, List.of(), t1, t2), router);
        TransactionConfig txn = TransactionConfig.DEFAULT.withTimers(t1, t2, Duration.ofSeconds(5))
                .withTryingDelay(Duration.ZERO).withTimerD(Duration.ofMillis(100));
        stack = new SipStack(HOST, SipLimits.defaults(), txn, container);
        container.attach(stack);
    }

    FakeFlow udp() {
        return FakeFlow.udp(stack.flows(), stack.flowIds(), ports++);
    }

    FakeFlow tcp() {
        return FakeFlow.tcp(stack.flows(), stack.flowIds(), ports++);
    }

    /** Deploys an application whose main servlet is {@code servlet}. */
    ApplicationHandle deploy(String name, SipServlet servlet, EventListener... listeners) {
        return deploy(name, Optional.empty(), servlet, List.of(listeners));
    }

    ApplicationHandle deploy(String name, Optional<Method> applicationKey, SipServlet servlet, List<EventListener> listeners) {
        String servletName = name + "-servlet";
        List<SipListenerDeclaration> declared = new ArrayList<>();
        for (EventListener l : listeners) {
            declared.add(new SipListenerDeclaration(l.getClass(), SipListenerType.of(l.getClass()), Optional.empty()));
        }
        SipApplicationDefinition def = new SipApplicationDefinition(name, name, Optional.empty(), false, 3, 180,
                List.of(new SipServletDeclaration(servletName, servlet.getClass(), OptionalInt.empty(), Optional.empty(), Map.of())),
                new ServletSelection.MainServlet(servletName), declared, applicationKey, Map.of());
        ServletContext context = context(name);
        ApplicationHandle handle = container.register(def, context, getClass().getClassLoader());
        context.setAttribute("javax.servlet.sip.SipFactory", handle.sipFactory());
        context.setAttribute("javax.servlet.sip.TimerService", handle.timerService());
        try {
            servlet.init(config(servletName, context));
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        handle.start(Map.of(servletName, servlet), listeners);
        handles.add(handle);
        return handle;
    }

    ApplicationHandle handle(String name) {
        return handles.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    /** A request from the peer, as bytes on {@code flow}, through the stack's inbound path. */
    void receive(FakeFlow flow, String text) {
        var outcome = stack.inbound().onMessage(flow.flow(), ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(SipInboundHandler.Outcome.DELIVERED, outcome, "the stack did not deliver:\n" + text);
    }

    /** A response from the peer (a request the container sent, answered). */
    void receive(FakeFlow flow, SipResponse response) {
        byte[] b = new SipSerializer().toBytes(response);
        var outcome = stack.inbound().onMessage(flow.flow(), ByteBuffer.wrap(b));
        assertEquals(SipInboundHandler.Outcome.DELIVERED, outcome, "the stack did not deliver:\n" + response);
    }

    /** The peer's answer to {@code request} with its own To tag. */
    static SipResponse answer(SipRequest request, int status, String toTag) {
        return request.createResponse(status, null, () -> toTag);
    }

    @Override
    public void close() {
        for (ApplicationHandle h : handles) h.stop();
        container.close();
        stack.close();
    }

    // ------------------------------------------------------------------ peer requests

    static Peer request(String method, String requestUri) {
        return new Peer(method, requestUri);
    }

    /** A request the peer sends, written as text. */
    static final class Peer {
        final String method;
        final String requestUri;
        String callId = SipRequest.newTag() + "@peer.example";
        String from = "<sip:alice@peer.example>";
        String fromTag = SipRequest.newTag();
        String to = "<sip:bob@" + HOST + ">";
        String toTag;
        int cseq = 1;
        String cseqMethod;
        String branch = "z9hG4bK" + SipRequest.newTag();
        final Map<String, List<String>> extra = new LinkedHashMap<>();
        String contentType;
        String body = "";

        Peer(String method, String requestUri) {
            this.method = method;
            this.requestUri = requestUri;
        }

        Peer callId(String v) { callId = v; return this; }
        Peer fromTag(String v) { fromTag = v; return this; }
        Peer to(String v) { to = v; return this; }
        Peer toTag(String v) { toTag = v; return this; }
        Peer cseq(int v) { cseq = v; return this; }
        Peer cseq(int v, String m) { cseq = v; cseqMethod = m; return this; }
        Peer branch(String v) { branch = v; return this; }
        Peer header(String name, String value) { extra.computeIfAbsent(name, k -> new ArrayList<>()).add(value); return this; }
        Peer body(String type, String text) { contentType = type; body = text; return this; }

        /** A request in the same dialog: same Call-ID and tags, a new branch. */
        Peer next(String m, int n) {
            Peer p = new Peer(m, requestUri);
            p.callId = callId;
            p.from = from;
            p.fromTag = fromTag;
            p.to = to;
            p.toTag = toTag;
            p.cseq = n;
            return p;
        }

        String text(FakeFlow flow) {
            StringBuilder b = new StringBuilder();
            b.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
            b.append("Via: SIP/2.0/").append(flow.flow().transport().token()).append(' ').append(FakeFlow.PEER_HOST).append(':')
                    .append(flow.flow().remoteAddress().getPort()).append(";branch=").append(branch).append("\r\n");
            b.append("Max-Forwards: 70\r\n");
            b.append("From: ").append(from).append(";tag=").append(fromTag).append("\r\n");
            b.append("To: ").append(to).append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
            b.append("Call-ID: ").append(callId).append("\r\n");
            b.append("CSeq: ").append(cseq).append(' ').append(cseqMethod == null ? method : cseqMethod).append("\r\n");
            if ((method.equals("INVITE") || method.equals("SUBSCRIBE")) && !extra.containsKey("Contact")) {
                // RFC 3261 §8.1.1.8: a dialog-creating request carries the peer's Contact
                b.append("Contact: <sip:alice@").append(FakeFlow.PEER_HOST).append(':').append(flow.flow().remoteAddress().getPort())
                        .append(flow.flow().transport().reliable() ? ";transport=tcp" : "").append(">\r\n");
            }
            for (var e : extra.entrySet()) for (String v : e.getValue()) b.append(e.getKey()).append(": ").append(v).append("\r\n");
            if (contentType != null) b.append("Content-Type: ").append(contentType).append("\r\n");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            b.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
            return b.toString();
        }
    }

    // ------------------------------------------------------------------ a minimal ServletContext

    static ServletContext context(String name) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        return (ServletContext) Proxy.newProxyInstance(ContainerFixtures.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        if (args[1] == null) attributes.remove((String) args[0]);
                        else attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    case "getServletContextName", "getContextPath" -> name;
                    case "toString" -> "ServletContext[" + name + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> defaultValue(method.getReturnType());
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        return null;
    }

    private static ServletConfig config(String servletName, ServletContext context) {
        return new ServletConfig() {
            @Override public String getServletName() { return servletName; }
            @Override public ServletContext getServletContext() { return context; }
            @Override public String getInitParameter(String name) { return null; }
            @Override public java.util.Enumeration<String> getInitParameterNames() { return Collections.emptyEnumeration(); }
        };
    }
}
