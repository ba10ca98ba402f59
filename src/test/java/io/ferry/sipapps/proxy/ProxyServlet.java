package io.ferry.sipapps.proxy;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/** Proxies an initial INVITE to its Request-URI with Record-Route (JSR 289 §10.2). */
@javax.servlet.sip.annotation.SipServlet(name = "proxy")
public class ProxyServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        if (!req.isInitial()) return;
        Proxy proxy = req.getProxy();
        proxy.setRecordRoute(true);
        proxy.getRecordRouteURI().setParameter("app", "proxy");
        proxy.proxyTo(req.getRequestURI());
    }
}
