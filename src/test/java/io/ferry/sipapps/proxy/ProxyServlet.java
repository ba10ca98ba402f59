package io.ferry.sipapps.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.ServletException;
import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.URI;

/**
 * Proxies an initial INVITE with Record-Route (JSR 289 §10.2). By default to its Request-URI; the
 * request may choose the behaviour (for the ITs): {@code X-Ferry-Proxy: parallel|sequential} with
 * the targets in {@code X-Ferry-Targets} (SIP URIs separated by commas or spaces, in order), {@code X-Ferry-Proxy-Timeout}
 * (seconds, JSR 289 §10.2.1), {@code X-Ferry-Recurse: true|false} (3xx recursion, §10.2.4) and
 * {@code X-Ferry-Flow} (the id of the flow the first target's branch goes out on). A MESSAGE is
 * answered 200 with the id of the flow it came on.
 */
@javax.servlet.sip.annotation.SipServlet(name = "proxy")
public class ProxyServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        if (!req.isInitial()) return;
        Proxy proxy = req.getProxy();
        proxy.setRecordRoute(true);
        proxy.getRecordRouteURI().setParameter("app", "proxy");
        String mode = req.getHeader("X-Ferry-Proxy");
        if (mode == null) {
            proxy.proxyTo(req.getRequestURI());
            return;
        }
        proxy.setParallel(!"sequential".equalsIgnoreCase(mode.strip()));
        String timeout = req.getHeader("X-Ferry-Proxy-Timeout");
        if (timeout != null) proxy.setProxyTimeout(Integer.parseInt(timeout.strip()));
        String recurse = req.getHeader("X-Ferry-Recurse");
        if (recurse != null) proxy.setRecurse(Boolean.parseBoolean(recurse.strip()));
        List<URI> targets = new ArrayList<>();
        for (java.util.ListIterator<String> values = req.getHeaders("X-Ferry-Targets"); values.hasNext(); ) {
            for (String t : values.next().split("[,\\s]+")) {
                if (!t.isEmpty()) targets.add(getSipFactory().createURI(t));
            }
        }
        String flowId = req.getHeader("X-Ferry-Flow");
        if (flowId == null) {
            proxy.proxyTo(targets);
            return;
        }
        // the first target goes out on the flow the request names (Ferry's flow extension), the others as routed
        SipFlows flows = (SipFlows) getServletContext().getAttribute(SipFlows.CONTEXT_ATTRIBUTE);
        List<ProxyBranch> branches = proxy.createProxyBranches(targets);
        flows.find(flowId.strip()).ifPresent(f -> branches.get(0).getRequest().setAttribute(SipFlows.ATTRIBUTE, f));
        proxy.startProxy();
    }

    /** Answers a MESSAGE with the id of the flow it arrived on, in X-Ferry-Flow (how a WebSocket callee learns its flow). */
    @Override
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        SipServletResponse ok = req.createResponse(200);
        if (req.getAttribute(SipFlows.ATTRIBUTE) instanceof SipFlow f) ok.setHeader("X-Ferry-Flow", f.id());
        ok.send();
    }

    private javax.servlet.sip.SipFactory getSipFactory() {
        return (javax.servlet.sip.SipFactory) getServletContext().getAttribute(SIP_FACTORY);
    }
}
